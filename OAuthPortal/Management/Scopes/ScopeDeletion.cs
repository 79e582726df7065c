namespace OAuthPortal.Management.Scopes;

/// <summary>The outcome of deleting a scope: gone, refused because it is in use (and by what) or built in, or not found.</summary>
public enum ScopeDeletion
{
    Deleted,
    InUse,
    NotFound,

    /// <summary>A scope OpenID Connect defines (<c>openid</c>, <c>profile</c>, <c>email</c>, <c>offline_access</c>): never deleted.</summary>
    BuiltIn,
}
