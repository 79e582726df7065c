namespace OAuthPortal.OAuth.Authorization;

/// <summary>The outcome of validating an authorization request: exactly one of the three properties is set.</summary>
public sealed class AuthorizationValidation
{
    private AuthorizationValidation()
    {
    }

    /// <summary>Show the error page; never redirect.</summary>
    public AuthorizationPageError? PageError { get; private init; }

    /// <summary>Redirect the error to the client.</summary>
    public AuthorizationRedirect? ErrorRedirect { get; private init; }

    /// <summary>Ask the user (or, with remembered consent, answer at once).</summary>
    public ValidatedAuthorizationRequest? Request { get; private init; }

    public static AuthorizationValidation Page(AuthorizationPageError error) => new() { PageError = error };

    public static AuthorizationValidation Redirect(AuthorizationRedirect redirect) => new() { ErrorRedirect = redirect };

    public static AuthorizationValidation Valid(ValidatedAuthorizationRequest request) => new() { Request = request };
}
