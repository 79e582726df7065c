namespace OAuthPortal.OAuth.Oidc.Logout;

/// <summary>One signed logout token on its way to one client's back-channel logout URI.</summary>
public sealed record BackchannelLogoutMessage(string ClientId, string Uri, string LogoutToken);
