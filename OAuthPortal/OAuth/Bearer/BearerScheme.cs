namespace OAuthPortal.OAuth.Bearer;

/// <summary>The names the <c>Bearer</c> authentication scheme and its authorization result handler share.</summary>
public static class BearerScheme
{
    public const string Name = "Bearer";

    /// <summary>The token's user, or its client for a token without a user.</summary>
    public const string SubjectClaim = OAuthParameterNames.Subject;
    public const string ClientIdClaim = OAuthParameterNames.ClientId;

    /// <summary>One claim per granted scope.</summary>
    public const string ScopeClaim = OAuthParameterNames.Scope;

    /// <summary>Authentication property that tells the scheme's 403 which scopes a failed policy required.</summary>
    public const string RequiredScopesItem = "oauth.required_scopes";
}
