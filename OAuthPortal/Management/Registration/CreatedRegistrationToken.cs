namespace OAuthPortal.Management.Registration;

/// <summary>A new initial access token: <see cref="Token"/> is the value, shown this once and stored only as a hash.</summary>
public sealed record CreatedRegistrationToken(long Id, string Token, string Name, DateTime ExpiresAt, bool MultiUse, int MaxClients, IReadOnlyList<string> GrantTypes);
