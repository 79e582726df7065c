using OAuthPortal.Data;
using OAuthPortal.OAuth.Resources;
using OAuthPortal.OAuth.Scopes;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// grant_type=client_credentials (RFC 6749 §4.4): a confidential client, authenticated as always, gets an access
/// token for itself, with no user, for some or all of its machine scopes (never a user-only scope), and no refresh
/// token (§4.4.3: it can simply ask again).
/// </summary>
public sealed class ClientCredentialsGrant(
    PortalDbContext db, DatabaseWriteGate writes, TokenIssuer issuer, GrantFamily grants, ScopeLinks scopeLinks, ResolveResourceIndicators resourceIndicators)
    : ITokenGrant
{
    public string GrantType => P.GrantClientCredentials;

    public async Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken)
    {
        // RFC 6749 §4.4: only a client that can keep a secret speaks for itself (registration never allows it to a public one).
        if (request.Client.Type != ClientType.Confidential)
        {
            return new OAuthError(OAuthErrorCodes.UnauthorizedClient, "Public clients cannot use client_credentials: there is no secret to prove who they are.");
        }

        // RequireMachineScopes keeps user-only scopes out of machine scopes; checked again here because a scope made
        // user-only while this request runs may still be linked when it was read.
        var machineScopes = (await scopeLinks.MachineScopesOfAsync(request.Client.Id, cancellationToken)).Where(s => !s.UserOnly).ToList();
        var (scopes, error) = GrantedScopes(machineScopes, request.Form.Get(P.Scope));
        if (error is not null)
        {
            return error;
        }

        // RFC 8707 §2: the resources the token is for; without a scope parameter, the machine scopes they accept.
        var (resources, targetError) = await resourceIndicators.ResolveAsync(request.Form, request.Issuer, cancellationToken);
        if (targetError is not null)
        {
            return targetError;
        }

        if (request.Form.Get(P.Scope) is null && resources.Count > 0)
        {
            scopes = scopes.Where(s => RequireScopesAcceptedByResources.Accepted(resources, s.Name)).ToList();
        }

        if ((RequireScopesAcceptedByResources.Check(resources, scopes.Select(s => s.Name)) ?? NoScopeLeft(scopes)) is { } scopeError)
        {
            return scopeError;
        }

        return OAuthResult<TokenResponse>.Success(await writes.RunAsync(async () =>
        {
            var grant = grants.Start(GrantKind.ClientCredentials, request.Client.Id, null, scopes, resources.Select(r => r.Uri).ToList());
            var response = issuer.Issue(grant, scopes, refreshAllowed: false, request.Dpop?.Jkt);
            await db.SaveChangesAsync(cancellationToken);
            return response;
        }, cancellationToken));
    }

    private static OAuthError? NoScopeLeft(IReadOnlyList<Scope> scopes) =>
        scopes.Count == 0 ? OAuthError.InvalidScope("None of this client's machine scopes is accepted by the resources named.") : null;

    /// <summary>No scope: every machine scope of the client. Otherwise each requested scope must be one of them.</summary>
    private static (IReadOnlyList<Scope> Scopes, OAuthError? Error) GrantedScopes(List<Scope> machineScopes, string? requested) =>
        requested is null && machineScopes.Count == 0
            ? ([], OAuthError.InvalidScope("This client has no machine scopes (scopes it may get without a user): its developer chooses them on the client's page."))
            : NarrowScopes.To(machineScopes, requested, "Not a machine scope of this client (user-only scopes never are)");
}
