using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace OAuthPortal.Tests.Support;

/// <summary>AngleSharp helpers: GET a page, fill and submit one of its forms with its antiforgery token.</summary>
public static class Html
{
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(request =>
        {
            request.Content(content);
            request.Address(response.RequestMessage!.RequestUri!);
        });
        return (IHtmlDocument)document;
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>
    /// Submits <paramref name="form"/> as a browser would: every named input with its current value
    /// (hidden antiforgery token included), the given values on top, and the submit button's name/value.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, IHtmlFormElement form, IDictionary<string, string>? values = null, IHtmlElement? submitter = null)
    {
        var fields = Fields(form);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = submitter?.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : form.Action;
        if (submitter?.GetAttribute("name") is { Length: > 0 } submitName)
        {
            fields.Add(new(submitName, submitter.GetAttribute("value") ?? ""));
        }

        return client.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(fields));
    }

    /// <summary>The fields a browser submits with <paramref name="form"/>: every named input with its current value (checked boxes only).</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "image"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }

        return fields;
    }

    public static IHtmlFormElement Form(this IDocument document, string selector) =>
        document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"No form matches '{selector}'.");

    /// <summary>Every URL the page makes the browser load or follow (stylesheets, scripts, images, frames, links, forms).</summary>
    public static IEnumerable<string> ReferencedUrls(this IDocument document) =>
        document.QuerySelectorAll("link[href], a[href]").Select(e => e.GetAttribute("href")!)
            .Concat(document.QuerySelectorAll("script[src], img[src], iframe[src], source[src]").Select(e => e.GetAttribute("src")!))
            .Concat(document.QuerySelectorAll("form[action]").Select(e => e.GetAttribute("action")!));

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(expected == response.StatusCode,
            $"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode} for {response.RequestMessage?.RequestUri}" +
            (response.Headers.Location is { } location ? $" (Location: {location})" : ""));
}
