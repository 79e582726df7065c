using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Device;
using OAuthPortal.OAuth.Oidc;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The device flow (RFC 8628) as a device and its user take it: a device client, the device authorization request,
/// the device's polls, the user's decision through the core service, and the /device page driven like a browser
/// (Continue, then Allow or Decline).
/// </summary>
public static class DeviceFlow
{
    public sealed record Started(string DeviceCode, string UserCode, string VerificationUri, string VerificationUriComplete, int Interval);

    /// <summary>
    /// A public client (no secret) allowed the device grant; its name and description are those the page shows. The grant
    /// type is set in the database (the developer area has its own tests).
    /// </summary>
    public static async Task<string> ClientAsync(PortalFactory factory)
    {
        var owner = await TestUsers.CreateAsync(factory, Unique.Email("owner"));
        var client = await TestClients.RegisterAsync(factory, owner.Id, ClientType.Public);
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == client.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AllowedGrantTypes, $"{P.GrantDeviceCode} {P.GrantRefreshToken}")));
        return client.ClientId;
    }

    /// <summary>The device authorization request (RFC 8628 §3.1), as it comes back.</summary>
    public static Task<TokenEndpoint.Reply> AuthorizeAsync(HttpClient http, string clientId, string? secret, string scope) =>
        TokenEndpoint.PostAsync(http, "/oauth2/device_authorization", Form(clientId, secret, (P.Scope, scope)));

    /// <summary>The device authorization request of a public client, which must succeed.</summary>
    public static async Task<Started> StartAsync(HttpClient http, string clientId, string scope = "profile")
    {
        var reply = await AuthorizeAsync(http, clientId, null, scope);
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        return new Started(reply[P.DeviceCode]!, reply[P.UserCode]!, reply[P.VerificationUri]!, reply[P.VerificationUriComplete]!,
            int.Parse(reply[P.Interval]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>One poll of the token endpoint (RFC 8628 §3.4).</summary>
    public static Task<TokenEndpoint.Reply> PollAsync(HttpClient http, string clientId, string? secret, string deviceCode) =>
        TokenEndpoint.TokenAsync(http, Form(clientId, secret, (P.GrantType, P.GrantDeviceCode), (P.DeviceCode, deviceCode)));

    /// <summary>One poll of a public client.</summary>
    public static Task<TokenEndpoint.Reply> PollAsync(HttpClient http, string clientId, string deviceCode) => PollAsync(http, clientId, null, deviceCode);

    /// <summary>The user allows it, through the core service (the page has its own tests).</summary>
    /// <summary>True when the answer was recorded.</summary>
    public static async Task<bool> ApproveAsync(PortalFactory factory, string userCode, string userId) =>
        await factory.WithScopeAsync(s => s.GetRequiredService<DeviceVerification>()
            .ApproveAsync(userCode, new SignedInUser(userId, null, factory.Clock.GetUtcNow().UtcDateTime, ["pwd"]))) == DeviceDecision.Recorded;

    public static async Task<bool> DenyAsync(PortalFactory factory, string userCode, string userId) =>
        await factory.WithScopeAsync(s => s.GetRequiredService<DeviceVerification>().DenyAsync(userCode, userId)) == DeviceDecision.Recorded;

    /// <summary>A code of the right shape that names no request (one chance in 25 billion of naming a live one).</summary>
    public static string WrongCode() => UserCode.Format(UserCode.New());

    /// <summary>Opens /device and sends <paramref name="typed"/> with Continue.</summary>
    public static async Task<HttpResponseMessage> ContinueAsync(HttpClient browser, string typed)
    {
        var (response, page) = await Html.GetPageAsync(browser, "/device");
        Html.AssertStatus(HttpStatusCode.OK, response);
        return await Html.SubmitAsync(browser, page.Form("form[data-test=device-code-form]"), new Dictionary<string, string> { [P.UserCode] = typed });
    }

    /// <summary>Continue with <paramref name="typed"/>, then press <paramref name="button"/> (<c>allow</c> or <c>deny</c>) on the request shown.</summary>
    public static async Task<HttpResponseMessage> DecideAsync(HttpClient browser, string typed, string button)
    {
        var shown = await ContinueAsync(browser, typed);
        Html.AssertStatus(HttpStatusCode.OK, shown);
        return await PressAsync(browser, await Html.ParseAsync(shown), button);
    }

    /// <summary>Presses <paramref name="button"/> on a request the page shows.</summary>
    public static Task<HttpResponseMessage> PressAsync(HttpClient browser, IHtmlDocument page, string button)
    {
        var form = page.Form("form[data-test=device-consent-form]");
        return Html.SubmitAsync(browser, form, submitter: form.QuerySelector<IHtmlButtonElement>($"button[data-test={button}]")!);
    }

    private static Dictionary<string, string> Form(string clientId, string? secret, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { [P.ClientId] = clientId };
        if (secret is not null)
        {
            form[P.ClientSecret] = secret;
        }

        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return form;
    }
}
