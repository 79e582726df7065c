namespace OAuthPortal.OAuth;

/// <summary>Parameter names on the wire (RFC 6749 §11.2, RFC 7636, RFC 9207). The only place these strings live.</summary>
public static class OAuthParameterNames
{
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";

    /// <summary>RFC 7521 §4.2: a signed assertion authenticating the client, and its format.</summary>
    public const string ClientAssertion = "client_assertion";
    public const string ClientAssertionType = "client_assertion_type";

    /// <summary>RFC 7523 §2.2: the one <c>client_assertion_type</c> understood, a JWT.</summary>
    public const string ClientAssertionTypeJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public const string RedirectUri = "redirect_uri";
    public const string ResponseType = "response_type";
    public const string Scope = "scope";
    public const string State = "state";
    public const string Code = "code";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string CodeVerifier = "code_verifier";
    public const string Prompt = "prompt";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
    public const string Issuer = "iss";
    public const string GrantType = "grant_type";
    public const string RefreshToken = "refresh_token";
    public const string AccessToken = "access_token";
    public const string TokenType = "token_type";
    public const string ExpiresIn = "expires_in";
    public const string Token = "token";
    public const string TokenTypeHint = "token_type_hint";

    /// <summary>Introspection response members (RFC 7662 §2.2) not named above.</summary>
    public const string Active = "active";
    public const string Username = "username";
    public const string Subject = "sub";
    public const string ExpiresAt = "exp";
    public const string IssuedAt = "iat";

    /// <summary>The user's e-mail address (the OpenID Connect claim name), as the sample API answers it.</summary>
    public const string Email = "email";

    /// <summary>grant_type values (RFC 6749 §§4.1.3, 6).</summary>
    public const string GrantAuthorizationCode = "authorization_code";
    public const string GrantRefreshToken = "refresh_token";

    /// <summary>RFC 6749 §4.4: a client's token for itself, with no user.</summary>
    public const string GrantClientCredentials = "client_credentials";

    /// <summary>RFC 8628 §3.4: a device polling for the tokens a user approved on another screen.</summary>
    public const string GrantDeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    // RFC 8628 §3.2 device authorization response members.
    public const string DeviceCode = "device_code";
    public const string UserCode = "user_code";
    public const string VerificationUri = "verification_uri";
    public const string VerificationUriComplete = "verification_uri_complete";
    public const string Interval = "interval";

    /// <summary>The only response mode: parameters in the redirect URI's query.</summary>
    public const string ResponseModeQuery = "query";

    /// <summary>token_type of every access token issued here (RFC 6750).</summary>
    public const string TokenTypeBearer = "Bearer";

    /// <summary>token_type of an access token bound to a DPoP key (RFC 9449 §5).</summary>
    public const string TokenTypeDpop = "DPoP";

    /// <summary>
    /// RFC 8707 §2: the protected resource (an absolute URI) a token is meant for, at the authorization, device
    /// authorization and token endpoints; the one parameter that may repeat (one per resource).
    /// </summary>
    public const string Resource = "resource";

    /// <summary>RFC 7662 §2.2 introspection member: the token's audience (the resources it is meant for).</summary>
    public const string Audience = "aud";

    /// <summary>RFC 9449 §10: the authorization request parameter that binds the code to a DPoP key.</summary>
    public const string DpopJkt = "dpop_jkt";

    /// <summary>RFC 7800 confirmation claim (introspection <c>cnf</c>) and its RFC 9449 §6 member.</summary>
    public const string Confirmation = "cnf";
    public const string JwkThumbprint = "jkt";

    /// <summary>The only response_type this server supports (RFC 9700 §2.1.2: no implicit grant).</summary>
    public const string ResponseTypeCode = "code";

    /// <summary><c>prompt=consent</c>: show the consent page even when consent is remembered.</summary>
    public const string PromptConsent = "consent";

    // OpenID Connect Core §3.1.2.1 authentication request parameters, and their values.
    public const string Nonce = "nonce";
    public const string MaxAge = "max_age";
    public const string LoginHint = "login_hint";
    public const string IdTokenHint = "id_token_hint";
    public const string ResponseMode = "response_mode";
    public const string Claims = "claims";
    public const string Request = "request";
    public const string RequestUri = "request_uri";

    /// <summary>RFC 9126 §2.2: the prefix of every request_uri the pushed authorization request endpoint hands out.</summary>
    public const string PushedRequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    /// <summary>
    /// The portal's own marker on the way back from sign-in with a pushed request: the sign-in answered its
    /// <c>prompt=login</c>, <c>max_age</c> and <c>id_token_hint</c> (see <c>RequireFreshAuthentication.AfterSignIn</c>).
    /// </summary>
    public const string PushedRequestSignedIn = "pushed_signed_in";
    public const string PromptNone = "none";
    public const string PromptLogin = "login";
    public const string PromptSelectAccount = "select_account";

    /// <summary>OAuth 2.0 Form Post Response Mode: the response is an auto-submitting form to the redirect URI.</summary>
    public const string ResponseModeFormPost = "form_post";

    /// <summary>The token response member carrying the id_token (OpenID Connect Core §3.1.3.3).</summary>
    public const string IdToken = "id_token";

    // RP-Initiated Logout 1.0 §2 and Back-Channel Logout 1.0 §2.5.
    public const string PostLogoutRedirectUri = "post_logout_redirect_uri";
    public const string LogoutToken = "logout_token";

    // The scopes OpenID Connect defines (Core §§3.1.2.1, 5.4, 11): built in on every database.
    public const string ScopeOpenId = "openid";
    public const string ScopeProfile = "profile";
    public const string ScopeEmail = "email";
    public const string ScopeOfflineAccess = "offline_access";
}
