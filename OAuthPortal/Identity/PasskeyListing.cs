namespace OAuthPortal.Identity;

/// <summary>One of a user's passkeys as the Passkeys page lists it; <see cref="Id"/> is the credential id, base64url.</summary>
public sealed record PasskeyListing(string Id, string Name, DateTimeOffset CreatedAt, bool IsSynced);
