namespace OAuthPortal.OAuth.Token;

/// <summary>
/// One grant type of the token endpoint (RFC 6749 §4, the extension point of §4.5). Registered in DI with
/// <see cref="TokenGrantServiceCollectionExtensions.AddTokenGrant{TGrant}"/>; the endpoint dispatches on
/// <see cref="GrantType"/> and the metadata lists what is registered.
/// </summary>
public interface ITokenGrant
{
    /// <summary>The <c>grant_type</c> value this grant answers (e.g. <c>authorization_code</c>).</summary>
    string GrantType { get; }

    /// <summary>Handles a request of an authenticated client that is allowed this grant type.</summary>
    Task<OAuthResult<TokenResponse>> HandleAsync(TokenRequestContext request, CancellationToken cancellationToken);
}
