using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// What a .NET client puts in its HttpClient pipeline to speak DPoP (RFC 9449), independent of any OAuth library: every
/// request gets a fresh proof of <see cref="Key"/> (<c>htm</c>, <c>htu</c> without query and fragment, <c>iat</c> by
/// <paramref name="clock"/>, a unique <c>jti</c>, and <c>ath</c> when it carries <c>Authorization: DPoP</c>). Server
/// nonces are followed as §§8 and 9 say: a 400 <c>use_dpop_nonce</c> (authorization server) or a 401 whose DPoP
/// challenge says <c>error="use_dpop_nonce"</c> (resource server) is retried once with a fresh proof carrying the
/// <c>DPoP-Nonce</c> it came with, and a <c>DPoP-Nonce</c> on any response is kept for the next request to that origin.
/// Safe for concurrent requests, as an HttpClient's handler must be.
/// </summary>
public sealed class DpopClientHandler(DpopKey key, TimeProvider clock, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string ProofHeader = "DPoP";
    public const string NonceHeader = "DPoP-Nonce";
    public const string UseNonceError = "use_dpop_nonce";

    private readonly ConcurrentDictionary<string, string> _nonces = new();
    private readonly ConcurrentQueue<string> _sentProofs = new();
    private int _nonceRetries;

    /// <summary>A handler over its own socket handler (no redirects followed, no cookies).</summary>
    public DpopClientHandler(DpopKey key, TimeProvider clock)
        : this(key, clock, new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
    }

    public DpopKey Key => key;

    /// <summary>Every proof sent, in order (a test can look at what went out).</summary>
    public IReadOnlyList<string> SentProofs => [.. _sentProofs];

    /// <summary>How many requests were sent again because the server asked for a nonce.</summary>
    public int NonceRetries => Volatile.Read(ref _nonceRetries);

    /// <summary>The last nonce an origin sent, if any.</summary>
    public string? NonceFor(Uri url) => _nonces.GetValueOrDefault(Origin(url));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendWithProofAsync(request, cancellationToken);
        if (!await AsksForNonceAsync(response) || !response.Headers.Contains(NonceHeader))
        {
            return response;
        }

        // §8.2, §9.1: one retry with the new nonce; a second refusal goes back to the caller as it is.
        Interlocked.Increment(ref _nonceRetries);
        response.Dispose();
        return await SendWithProofAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProofAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        var accessToken = request.Headers.Authorization is { Scheme: ProofHeader, Parameter: { } token } ? token : null;
        var proof = key.Proof(request.Method.Method, url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped),
            clock.GetUtcNow(), accessTokenHash: accessToken is null ? null : AccessTokenHash(accessToken), nonce: NonceFor(url));
        request.Headers.Remove(ProofHeader);
        request.Headers.Add(ProofHeader, proof);
        _sentProofs.Enqueue(proof);

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues(NonceHeader, out var nonces) && nonces.LastOrDefault() is { Length: > 0 } nonce)
        {
            _nonces[Origin(url)] = nonce;
        }

        return response;
    }

    /// <summary>RFC 9449 §4.2 <c>ath</c>, computed here rather than by the portal's code: base64url(SHA-256(ASCII(token))).</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>§8: 400 with error use_dpop_nonce in the JSON body; §9: 401 with a DPoP challenge saying error="use_dpop_nonce".</summary>
    private static async Task<bool> AsksForNonceAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return response.Headers.WwwAuthenticate.Any(challenge => challenge.Scheme.Equals(ProofHeader, StringComparison.OrdinalIgnoreCase) &&
                challenge.Parameter is { } parameters && parameters.Contains($"error=\"{UseNonceError}\"", StringComparison.Ordinal));
        }

        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(); // the caller may still read the body
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out var error) &&
                error.ValueKind == JsonValueKind.String && error.GetString() == UseNonceError;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
