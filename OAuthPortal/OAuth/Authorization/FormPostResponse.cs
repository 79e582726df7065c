using System.Text;
using System.Text.Encodings.Web;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// OAuth 2.0 Form Post Response Mode §2: the response parameters as hidden fields of a form that the browser POSTs to
/// the redirect URI. No inline script (the site's CSP allows scripts from the portal only): <c>/js/form-post.js</c>
/// submits it, and without script the user presses Continue.
/// </summary>
public static class FormPostResponse
{
    public const string ScriptPath = "/js/form-post.js";

    public static string Html(ClientResponse response)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Submit this form</title>")
            .Append("<meta name=\"robots\" content=\"noindex\"></head><body>")
            .Append("<form method=\"post\" data-auto-submit action=\"").Append(html.Encode(response.RedirectUri)).Append("\">");
        foreach (var (name, value) in response.Parameters)
        {
            if (value is not null)
            {
                page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(value)).Append("\">");
            }
        }

        page.Append("<noscript><p>Script is off: press Continue to return to the application.</p></noscript>")
            .Append("<button type=\"submit\">Continue</button></form>")
            .Append("<script src=\"").Append(ScriptPath).Append("\"></script></body></html>");
        return page.ToString();
    }
}
