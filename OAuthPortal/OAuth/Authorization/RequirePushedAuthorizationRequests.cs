using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// RFC 9126 §5: a client registered with "Require PAR", or every client when <c>OAuth:RequirePushedAuthorizationRequests</c>
/// is set, or a client following the FAPI 2.0 profile (<see cref="Clients.Fapi2SecurityProfile"/>), may only send the browser with a pushed request's request_uri. A plain request is refused with
/// <c>invalid_request</c>, once the redirect URI is verified (so the error goes back to the client, as RFC 6749 §4.1.2.1
/// allows for every error after that point: the client learns it must push, and nothing reaches an unverified URI).
/// </summary>
public static class RequirePushedAuthorizationRequests
{
    public static bool AppliesTo(Client client, bool requiredForAll) => requiredForAll || client.RequirePushedAuthorizationRequests || Clients.Fapi2SecurityProfile.AppliesTo(client);

    public static OAuthError? Check(Client client, bool pushed, bool requiredForAll) =>
        !pushed && AppliesTo(client, requiredForAll)
            ? OAuthError.InvalidRequest("This client must push its authorization requests first (RFC 9126): send request_uri from the pushed authorization request endpoint.")
            : null;
}
