namespace OAuthPortal.Management.Clients;

/// <summary>
/// A saved edit: <paramref name="NewSecret"/> is the secret made when the client switched from private_key_jwt to a
/// client_secret method, in plaintext for the only time (else null); <paramref name="SecretDeleted"/> says the client
/// switched to private_key_jwt and its secret was deleted.
/// </summary>
public sealed record ClientSaved(string? NewSecret, bool SecretDeleted);
