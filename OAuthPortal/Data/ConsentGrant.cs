namespace OAuthPortal.Data;

/// <summary>
/// What a user has agreed to let a client do: the scopes granted so far. Lets a later request for the same or
/// fewer scopes skip the consent page (OAuth:RememberConsent), and is what "My apps" lists and revokes.
/// </summary>
public sealed class ConsentGrant
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }

    public string ClientId { get; set; } = "";
    public Client? Client { get; set; }

    public List<Scope> Scopes { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
