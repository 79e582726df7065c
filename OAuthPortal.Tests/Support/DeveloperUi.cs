using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace OAuthPortal.Tests.Support;

/// <summary>Drives the developer area through its pages, as a developer in a browser would.</summary>
public static partial class DeveloperUi
{
    public sealed record CreatedClient(string ClientId, string? Secret);

    /// <param name="extra">More form fields on top (e.g. "Input.PostLogoutRedirectUris").</param>
    public static async Task<HttpResponseMessage> SubmitCreateAsync(HttpClient browser, string name, string redirectUris, string type = "Confidential",
        string? description = null, string? imageUrl = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var (_, page) = await Html.GetPageAsync(browser, "/Developer/Clients/Create");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Description"] = description ?? "",
            ["Input.ImageUrl"] = imageUrl ?? "",
            ["Input.RedirectUris"] = redirectUris,
            ["Type"] = type,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        return await Html.SubmitAsync(browser, page.Form("form#client-form"), values);
    }

    /// <summary>Registers a client and, for a confidential one, reads its secret from the one-time secret page.</summary>
    public static async Task<CreatedClient> CreateAsync(HttpClient browser, string redirectUris = "https://client.example.test/callback", string type = "Confidential")
    {
        var response = await SubmitCreateAsync(browser, Unique.Name("ui-client"), redirectUris, type);
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var location = response.Headers.Location!.OriginalString;
        var clientId = ClientIdInPath().Match(location).Groups[1].Value;
        if (!location.EndsWith("/Secret", StringComparison.Ordinal))
        {
            return new CreatedClient(clientId, null);
        }

        var (_, page) = await Html.GetPageAsync(browser, location);
        return new CreatedClient(clientId, page.QuerySelector("[data-test=client-secret]")!.TextContent.Trim());
    }

    /// <summary>
    /// Submits a client form (register or edit) with exactly <paramref name="grantTypes"/> and <paramref name="machineScopes"/>
    /// ticked, every other field as the page has it, and <paramref name="values"/> on top.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitTickingAsync(HttpClient browser, IHtmlFormElement form, IEnumerable<string> grantTypes,
        IEnumerable<string>? machineScopes = null, IReadOnlyDictionary<string, string>? values = null)
    {
        var fields = Html.Fields(form).Where(f => f.Key is not ("Input.GrantTypes" or "Input.MachineScopes")).ToList();
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new(key, value));
        }

        fields.AddRange(grantTypes.Select(g => new KeyValuePair<string, string>("Input.GrantTypes", g)));
        fields.AddRange((machineScopes ?? []).Select(s => new KeyValuePair<string, string>("Input.MachineScopes", s)));
        return browser.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Presses a button of a page's form (rotate, delete, disable) with its antiforgery token. When it is a link to a
    /// confirmation (<c>_Confirm</c>: destructive actions ask first), follows it and confirms, as a person would.
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string pageUrl, string buttonTest)
    {
        var (response, page) = await Html.GetPageAsync(browser, pageUrl);
        Html.AssertStatus(HttpStatusCode.OK, response);
        if (page.QuerySelector<IHtmlAnchorElement>($"a[data-test={buttonTest}]") is { } link)
        {
            return await ConfirmAsync(browser, link.Href);
        }

        var button = page.QuerySelector<IHtmlButtonElement>($"button[data-test={buttonTest}]")!;
        return await Html.SubmitAsync(browser, (IHtmlFormElement)button.Form!, submitter: button);
    }

    /// <summary>Opens a confirmation (it must be one) and presses its Confirm button.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string confirmationUrl)
    {
        var (response, page) = await Html.GetPageAsync(browser, confirmationUrl);
        Html.AssertStatus(HttpStatusCode.OK, response);
        var confirm = page.QuerySelector<IHtmlButtonElement>("[data-test=confirmation] button[data-test=confirm]")
            ?? throw new InvalidOperationException($"{confirmationUrl} shows no confirmation.");
        return await Html.SubmitAsync(browser, (IHtmlFormElement)confirm.Form!, submitter: confirm);
    }

    [GeneratedRegex("/Developer/Clients/([A-Za-z0-9_-]+)")]
    private static partial Regex ClientIdInPath();
}
