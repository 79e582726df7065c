using OAuthPortal.Data;

namespace OAuthPortal.OAuth;

/// <summary>An authorization request that passed every check: what the consent page shows and the code is bound to.</summary>
public sealed record ValidatedAuthorizationRequest(
    Client Client,
    string RedirectUri,
    bool RedirectUriSent,
    IReadOnlyList<Scope> Scopes,
    string? State,
    string? CodeChallenge,
    bool PromptConsent,
    ProtocolParameters Parameters);
