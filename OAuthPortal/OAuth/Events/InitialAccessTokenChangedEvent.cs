namespace OAuthPortal.OAuth.Events;

/// <summary>
/// An initial access token of user <paramref name="OwnerId"/> was created or revoked by <paramref name="Actor"/> (its owner's
/// e-mail, or <c>cli</c>); <paramref name="Details"/> says what it allows (expiry, uses, grant-type cap). Never the token itself.
/// </summary>
public sealed record InitialAccessTokenChangedEvent(
    long TokenId, string TokenName, string OwnerId, string Actor, InitialAccessTokenChange Change, string Details = "");
