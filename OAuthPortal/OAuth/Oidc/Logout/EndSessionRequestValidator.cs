using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>
/// Checks an RP-Initiated Logout 1.0 request (§2: <c>id_token_hint</c>, <c>client_id</c>,
/// <c>post_logout_redirect_uri</c>, <c>state</c>, <c>ui_locales</c>). Nothing here is refused outright: a hint that
/// is not an id_token of this portal, a client_id that disagrees with it, or an unregistered URI only cost the
/// redirect (the user is asked, and stays on the portal). Repeated or oversized parameters are refused.
/// </summary>
public sealed class EndSessionRequestValidator(PortalDbContext db, IdTokenHintReader hints)
{
    public async Task<(EndSessionRequest? Request, string? Error)> ValidateAsync(ProtocolParameters parameters, string issuer, CancellationToken cancellationToken = default)
    {
        if (parameters.RepeatedNames.Any())
        {
            return (null, "Parameters must not be repeated.");
        }

        if (parameters.All.Any(p => p.Value.Length > IdTokenHintReader.MaxLength))
        {
            return (null, "A parameter is too long.");
        }

        var hint = await hints.ReadAsync(parameters.Get(P.IdTokenHint), issuer, cancellationToken);
        var clientId = parameters.Get(P.ClientId);
        if (hint is not null && clientId is not null && !hint.Audiences.Contains(clientId))
        {
            hint = null; // the hint is for another client: it proves nothing about this request
        }

        clientId ??= hint?.Audiences is [var audience] ? audience : null;
        var client = clientId is null ? null : await db.Clients.AsNoTracking().Include(c => c.PostLogoutRedirectUris)
            .SingleOrDefaultAsync(c => c.Id == clientId && c.Enabled, cancellationToken);

        var sent = parameters.Get(P.PostLogoutRedirectUri);
        var registered = sent is not null && client is not null && RequireRegisteredPostLogoutRedirectUri.IsRegistered(client, sent) ? sent : null;
        return (new EndSessionRequest(client, registered, parameters.Get(P.State), hint, UnregisteredRedirectUri: sent is not null && registered is null), null);
    }
}
