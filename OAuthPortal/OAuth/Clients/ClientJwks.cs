using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Secrets;

namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// The public keys a <c>private_key_jwt</c> client registered (RFC 7591 §2): its pasted JWK Set, parsed per request,
/// or the JWK Set at its <c>jwks_uri</c>, fetched over https through <see cref="HttpClientName"/> (public addresses only,
/// a short timeout, a small body) and kept in memory for <see cref="CacheFor"/> per URI. Keys are public, so a cache per
/// instance shares nothing secret; a key the cache does not know is fetched again, at most every <see cref="RefetchAfter"/>.
/// </summary>
public sealed class ClientJwks(IHttpClientFactory httpClients, IOptions<OAuthOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "OAuthPortal.ClientJwks";
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RefetchAfter = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The largest JWK Set read from a jwks_uri, like a pasted one (<see cref="Client.MaxJwksLength"/>).</summary>
    public const int MaxDocumentBytes = Client.MaxJwksLength;

    private readonly ConcurrentDictionary<string, (DateTimeOffset FetchedAt, IReadOnlyList<JsonWebKey> Keys)> _fetched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<JsonWebKey>?>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// The client's signature keys, or null when they cannot be had. <paramref name="wantedKeyId"/> is the assertion's
    /// <c>kid</c>: when a cached jwks_uri set lacks it, the set is fetched again (the client may have rotated).
    /// </summary>
    public async Task<IReadOnlyList<JsonWebKey>?> GetAsync(Client client, string? wantedKeyId, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(client.Jwks))
        {
            return Parse(client.Jwks);
        }

        if (string.IsNullOrEmpty(client.JwksUri))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_fetched.TryGetValue(client.JwksUri, out var cached) && now - cached.FetchedAt < CacheFor &&
            (wantedKeyId is null || cached.Keys.Any(k => k.Kid == wantedKeyId) || now - cached.FetchedAt < RefetchAfter))
        {
            return cached.Keys;
        }

        // A failure is remembered for RefetchAfter, and one fetch per URI runs at a time: assertions sent in a flood
        // (their signature is checked only after the keys are had) cannot make the portal fetch once per request.
        if (_failed.TryGetValue(client.JwksUri, out var failedAt) && now - failedAt < RefetchAfter)
        {
            return null;
        }

        var uri = client.JwksUri;
        var fetch = _inFlight.GetOrAdd(uri, _ => new Lazy<Task<IReadOnlyList<JsonWebKey>?>>(() => FetchAndRememberAsync(uri)));
        return await fetch.Value.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<JsonWebKey>?> FetchAndRememberAsync(string uri)
    {
        try
        {
            // Not the caller's token: the fetch is shared, and bounded by FetchTimeout.
            var keys = await FetchAsync(uri, CancellationToken.None);
            if (keys is null)
            {
                _failed[uri] = clock.GetUtcNow();
            }
            else
            {
                _fetched[uri] = (clock.GetUtcNow(), keys);
                _failed.TryRemove(uri, out _);
            }

            return keys;
        }
        finally
        {
            _inFlight.TryRemove(uri, out _);
        }
    }

    /// <summary>
    /// The signature keys of a JWK Set: those <see cref="PublicSignatureKeys"/> accepts (RSA of 2048 bits or more, EC
    /// P-256, rebuilt from their public members) whose <c>use</c> is absent or <c>sig</c>, the others left out (a fetched
    /// set is not checked at registration); null when not a JWK Set.
    /// </summary>
    public static IReadOnlyList<JsonWebKey>? Parse(string json)
    {
        try
        {
            return new JsonWebKeySet(json).Keys
                .Where(k => k.Use is null or JsonWebKeyUseNames.Sig)
                .Select(k => PublicSignatureKeys.Rebuild(k, keepSelectors: true))
                .OfType<JsonWebKey>()
                .ToList();
        }
        catch (Exception exception) when (exception is ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<JsonWebKey>?> FetchAsync(string uri, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var address) ||
            (address.Scheme != Uri.UriSchemeHttps && (options.Value.RequireHttps || address.Scheme != Uri.UriSchemeHttp)))
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[MaxDocumentBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0)
            {
                length += read;
            }

            return length > MaxDocumentBytes ? null : Parse(System.Text.Encoding.UTF8.GetString(buffer, 0, length));
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
