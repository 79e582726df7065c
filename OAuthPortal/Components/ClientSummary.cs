namespace OAuthPortal.Components;

/// <summary>A client as components show it: never its secret (only a hash exists anyway).</summary>
public sealed record ClientSummary(string ClientId, string Name, string Description, string? ImageUrl, string? OwnerEmail, bool IsPublic)
{
    /// <summary>Registered at <c>/oauth2/register</c> (RFC 7591) rather than by a person: the card says so.</summary>
    public bool RegisteredByProgram { get; init; }
}
