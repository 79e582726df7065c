namespace OAuthPortal.OAuth.Authorization;

/// <summary>What a validated authorization request leads to: exactly one of answering the client, signing in first, showing the error page, or asking for consent.</summary>
public sealed record AuthorizationStep
{
    private AuthorizationStep()
    {
    }

    /// <summary>Send this back to the client now (a code, or an error such as login_required).</summary>
    public ClientResponse? Response { get; private init; }

    /// <summary>Show the error page, never redirect (a pushed request spent meanwhile, RFC 9126 §4).</summary>
    public AuthorizationPageError? PageError { get; private init; }

    /// <summary>Have the user sign in, then come back to the request with these parameters. (None set: show the consent page.)</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? SignInThenReturnTo { get; private init; }

    public static AuthorizationStep Answer(ClientResponse response) => new() { Response = response };

    public static AuthorizationStep Refuse(AuthorizationPageError error) => new() { PageError = error };

    public static AuthorizationStep SignIn(IEnumerable<KeyValuePair<string, string>> returnTo) => new() { SignInThenReturnTo = returnTo.ToList() };

    public static readonly AuthorizationStep Consent = new();
}
