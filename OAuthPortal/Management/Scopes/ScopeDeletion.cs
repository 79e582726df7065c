namespace OAuthPortal.Management.Scopes;

/// <summary>The outcome of deleting a scope: gone, refused because it is in use (and by what), or not found.</summary>
public enum ScopeDeletion
{
    Deleted,
    InUse,
    NotFound,
}
