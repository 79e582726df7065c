namespace OAuthPortal.Data;

/// <summary>A row that belongs to a <see cref="Grant"/>: an authorization code or a token.</summary>
public interface IGrantMember
{
    long GrantId { get; }
    string ClientId { get; }
    string? UserId { get; }
}
