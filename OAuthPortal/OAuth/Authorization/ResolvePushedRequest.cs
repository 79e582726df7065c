using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Secrets;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// RFC 9126 §4: an authorization request carrying a pushed request's <c>request_uri</c> is that pushed request. Every
/// visit of the authorization endpoint (first arrival, return from sign-in, the consent form's post) resolves it again
/// while it is unexpired and unused; the other query parameters are ignored, except <c>client_id</c>, which must be
/// the client that pushed it. The client has <c>OAuth:PushedRequestLifetime</c> (expires_in) to send the browser; the
/// browser's first arrival gives the person <c>OAuth:PushedRequestInteractionLifetime</c> to sign in and consent. It is
/// spent, once and atomically, when the authorization response is produced (a code, or an error sent back to the
/// client): a second response from the same request_uri is refused.
/// A request_uri that is not one of ours is left alone here (<see cref="OidcRequest"/> refuses it).
/// </summary>
public sealed class ResolvePushedRequest(PortalDbContext db, DatabaseWriteGate writes, IOptions<OAuthOptions> options, TimeProvider clock)
{
    public static bool IsPushed(string? requestUri) => requestUri?.StartsWith(P.PushedRequestUriPrefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// The parameters to validate: the pushed ones, or (no pushed request_uri) those received. The sign-in marker lifts a
    /// pushed <c>prompt=login</c>, <c>max_age</c> or <c>id_token_hint</c> only when the user really signed in
    /// (<paramref name="signedInAt"/>) after the browser first arrived with this request_uri: the marker comes from the
    /// browser, the pushed parameters must not be weakened by it.
    /// </summary>
    public async Task<(ProtocolParameters Parameters, PushedRequestReference? Pushed, AuthorizationPageError? Error)> ResolveAsync(
        ProtocolParameters received, DateTime? signedInAt, CancellationToken cancellationToken = default)
    {
        // A repeated request_uri resolves to nothing: the request is validated as sent, and refused as repeated.
        var requestUri = received.Get(P.RequestUri);
        if (!IsPushed(requestUri))
        {
            return (received, null, null);
        }

        if (received.IsRepeated(P.ClientId))
        {
            return (received, null, AuthorizationPageError.RepeatedParameter);
        }

        if (received.Get(P.ClientId) is not { } clientId)
        {
            return (received, null, AuthorizationPageError.MissingClientId);
        }

        var hash = SecretHasher.Hash(requestUri!);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.PushedAuthorizationRequests.AsNoTracking()
            .Where(r => r.RequestUriHash == hash && r.ConsumedAt == null && r.ExpiresAt > now)
            .Select(r => new { r.Id, r.ClientId, r.Parameters, r.VisitedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || row.ClientId != clientId || (row.VisitedAt is null && !await StartVisitAsync(row.Id, now, cancellationToken)))
        {
            return (received, null, AuthorizationPageError.InvalidRequestUri);
        }

        // auth_time has whole seconds: a sign-in in the second of the first arrival counts.
        var visitedAt = row.VisitedAt ?? now;
        var signedIn = received.Get(P.PushedRequestSignedIn) is not null &&
            signedInAt >= visitedAt.AddTicks(-(visitedAt.Ticks % TimeSpan.TicksPerSecond));
        var stored = ProtocolParameters.From(QueryHelpers.ParseQuery(row.Parameters));
        var parameters = signedIn
            ? ProtocolParameters.From(RequireFreshAuthentication.AfterSignIn(stored).Select(p => KeyValuePair.Create(p.Key, new StringValues(p.Value))))
            : stored;
        return (parameters, new PushedRequestReference(row.Id, row.ClientId, requestUri!, signedIn), null);
    }

    /// <summary>The browser's first arrival: the request now lives for the interaction (one conditional UPDATE; false when spent or expired meanwhile).</summary>
    private async Task<bool> StartVisitAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + options.Value.PushedRequestInteractionLifetime;
        var updated = await writes.RunAsync(() => db.PushedAuthorizationRequests
            .Where(r => r.Id == id && r.ConsumedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VisitedAt, r => r.VisitedAt ?? now).SetProperty(r => r.ExpiresAt, r => r.VisitedAt == null ? until : r.ExpiresAt),
                cancellationToken), cancellationToken);
        return updated == 1;
    }

    /// <summary>Spends the pushed request (one conditional UPDATE); false when it was spent or expired meanwhile.</summary>
    public async Task<bool> ConsumeAsync(PushedRequestReference pushed, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await writes.RunAsync(() => db.PushedAuthorizationRequests
            .Where(r => r.Id == pushed.Id && r.ConsumedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConsumedAt, now), cancellationToken), cancellationToken) == 1;
    }
}
