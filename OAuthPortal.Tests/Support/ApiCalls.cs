using System.Net.Http.Headers;

namespace OAuthPortal.Tests.Support;

/// <summary>Calls protected resources as a client would.</summary>
public static class ApiCalls
{
    /// <summary>The three declaration styles of the sample API, all requiring scope "profile".</summary>
    public static readonly string[] Paths = ["/api/me", "/api/samples/controller", "/api/samples/page"];

    public static readonly TheoryData<string> ProtectedPaths = new(Paths);

    public static Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? accessToken, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, accessToken);
        }

        return http.SendAsync(request);
    }

    /// <summary>The challenge of the sample API with the default (empty) realm and no error (RFC 6750 §3.1), with its metadata URL (RFC 9728 §5.1).</summary>
    public static string BareChallenge(string origin = "https://localhost") =>
        $"Bearer realm=\"\", resource_metadata=\"{origin}/.well-known/oauth-protected-resource/api\"";

    public static string Challenge(HttpResponseMessage response) => string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
}
