using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Token.Grants;

/// <summary>
/// The single-use credentials of the token endpoint, side by side: their grant type, parameter, replay kind, the
/// answer when one is invalid, and their hot lookup, compiled once: one row by the hash of the value and the client it
/// was issued to, through a unique index (another client's credential is simply not found).
/// </summary>
public static class SingleUseCredentials
{
    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<AuthorizationCode?>> CodeByHash = EF.CompileAsyncQuery(
        (PortalDbContext db, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            db.AuthorizationCodes.AsNoTracking().SingleOrDefault(c => c.CodeHash == hash && c.ClientId == clientId));

    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<AccessToken?>> RefreshTokenByHash = EF.CompileAsyncQuery(
        (PortalDbContext db, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            db.AccessTokens.AsNoTracking().SingleOrDefault(t => t.RefreshTokenHash == hash && t.ClientId == clientId));

    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<DeviceCode?>> DeviceCodeByHash = EF.CompileAsyncQuery(
        (PortalDbContext db, byte[] hash, string clientId, CancellationToken cancellationToken) =>
            db.DeviceCodes.AsNoTracking().SingleOrDefault(c => c.DeviceCodeHash == hash && c.ClientId == clientId));

    public static readonly SingleUseCredential<AuthorizationCode> AuthorizationCode = new(
        P.GrantAuthorizationCode, P.Code, ReplayedCredential.AuthorizationCode,
        new OAuthError(OAuthErrorCodes.InvalidGrant, "The authorization code is invalid, expired, or was issued to another client."),
        CodeByHash);

    public static readonly SingleUseCredential<AccessToken> RefreshToken = new(
        P.GrantRefreshToken, P.RefreshToken, ReplayedCredential.RefreshToken,
        new OAuthError(OAuthErrorCodes.InvalidGrant, "The refresh token is invalid, expired, or was issued to another client."),
        RefreshTokenByHash);

    /// <summary>RFC 8628 §3.4. Never a replay: a device polling again after its tokens (or twice at once) is told the code is spent.</summary>
    public static readonly SingleUseCredential<DeviceCode> DeviceCode = new(
        P.GrantDeviceCode, P.DeviceCode, null,
        new OAuthError(OAuthErrorCodes.InvalidGrant, "The device code is invalid, was already used, or was issued to another client."),
        DeviceCodeByHash);
}
