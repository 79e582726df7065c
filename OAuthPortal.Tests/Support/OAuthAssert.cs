using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace OAuthPortal.Tests.Support;

/// <summary>Assertions on the portal's OAuth responses.</summary>
public static class OAuthAssert
{
    /// <summary>Asserts a redirect to <paramref name="expectedTarget"/> (the URI before our parameters) and returns the query.</summary>
    /// <summary>The response sends the browser to sign in; the URL it comes back to afterwards.</summary>
    public static string LoginReturnUrl(HttpResponseMessage response)
    {
        Html.AssertStatus(HttpStatusCode.Redirect, response);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("/Identity/Account/Login", location);
        return QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), location).Query)["ReturnUrl"].ToString();
    }

    public static Dictionary<string, string> RedirectsTo(HttpResponseMessage response, string expectedTarget, HttpStatusCode status = HttpStatusCode.Found)
    {
        Html.AssertStatus(status, response);
        var location = response.Headers.Location!.OriginalString;
        Assert.True(location.StartsWith(expectedTarget, StringComparison.Ordinal), $"Redirected to {location}, expected {expectedTarget}");
        var query = location.Contains('?') ? location[location.IndexOf('?')..] : "";
        return QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>An RFC 6749 §4.1.2.1 error redirect: error code, description, state and iss.</summary>
    public static Dictionary<string, string> ErrorRedirect(
        HttpResponseMessage response, string redirectUri, string error, string? state = OAuthScenario.State, HttpStatusCode status = HttpStatusCode.Found)
    {
        var query = RedirectsTo(response, redirectUri, status);
        Assert.Equal(error, query.GetValueOrDefault("error"));
        Assert.False(string.IsNullOrEmpty(query.GetValueOrDefault("error_description")), "error_description is missing");
        Assert.Equal(state, query.GetValueOrDefault("state"));
        Assert.Equal("https://localhost", query.GetValueOrDefault("iss"));
        Assert.False(query.ContainsKey("code"));
        return query;
    }

    /// <summary>The error page: HTTP 400, the given reason, and no redirect anywhere.</summary>
    public static async Task ErrorPage(HttpResponseMessage response, string reason)
    {
        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Null(response.Headers.Location);
        var page = await Html.ParseAsync(response);
        Assert.Equal(reason, page.QuerySelector("[data-test=oauth-error]")?.GetAttribute("data-reason"));
    }
}
