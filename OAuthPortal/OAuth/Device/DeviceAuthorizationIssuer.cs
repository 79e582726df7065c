using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;
using OAuthPortal.OAuth.Secrets;
using OAuthPortal.OAuth.Token;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Device;

/// <summary>
/// The device authorization endpoint's work (RFC 8628 §§3.1, 3.2), after client authentication: a client allowed the
/// device grant asks for scopes and gets a device_code (256 bits, stored hashed) to poll with and a user_code for its
/// user to enter at the verification URI. Both belong to a new grant that has no user until one approves.
/// </summary>
public sealed class DeviceAuthorizationIssuer(
    PortalDbContext db, DatabaseWriteGate writes, RequestedScopes requestedScopes, GrantFamily grants, Resources.ResolveResourceIndicators resourceIndicators,
    IOptions<OAuthOptions> options, TimeProvider clock)
{
    /// <summary>A fresh user code that collides with a live one (about 1 in 10^8 per live code) is drawn again.</summary>
    private const int Draws = 5;

    public async Task<OAuthResult<DeviceAuthorizationResponse>> IssueAsync(TokenRequestContext request, CancellationToken cancellationToken = default)
    {
        if (RequireAllowedGrantType.Check(request.Client, P.GrantDeviceCode) is { } notAllowed)
        {
            return notAllowed;
        }

        var names = RequestedScopes.Names(request.Form.Get(P.Scope));
        var (scopes, error) = await requestedScopes.ResolveAsync(names, ignoreUnknown: names.Contains(P.ScopeOpenId), cancellationToken);
        if (error is not null)
        {
            return error;
        }

        // RFC 8707 §2: the resources the device's tokens will be for, kept on the grant (RFC 8628 leaves the request open to extensions).
        var (resources, targetError) = await resourceIndicators.ResolveAsync(request.Form, request.Issuer, cancellationToken);
        if ((targetError ?? Resources.RequireScopesAcceptedByResources.Check(resources, scopes.Select(s => s.Name))) is { } resourceError)
        {
            return resourceError;
        }

        var settings = options.Value;
        var deviceCode = TokenGenerator.NewSecret();
        for (var draw = 1; ; draw++)
        {
            var userCode = UserCode.New();
            try
            {
                await writes.RunAsync(() => SaveAsync(request.Client.Id, deviceCode, userCode, scopes, resources.Select(r => r.Uri).ToList(), cancellationToken), cancellationToken);
                var verificationUri = request.Issuer + AuthorizationServerMetadata.DeviceVerificationPath;
                return OAuthResult<DeviceAuthorizationResponse>.Success(new DeviceAuthorizationResponse(
                    deviceCode, UserCode.Format(userCode), verificationUri,
                    $"{verificationUri}?{P.UserCode}={Uri.EscapeDataString(UserCode.Format(userCode))}",
                    (long)settings.DeviceCodeLifetime.TotalSeconds, (int)settings.DevicePollingInterval.TotalSeconds));
            }
            catch (Exception exception) when (DuplicateKey.Is(exception) && draw < Draws)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private Task<int> SaveAsync(
        string clientId, string deviceCode, string userCode, IReadOnlyList<Scope> scopes, IReadOnlyList<string> resources, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Scopes.AttachRange(scopes.Where(s => db.Entry(s).State == Microsoft.EntityFrameworkCore.EntityState.Detached));
        db.DeviceCodes.Add(new DeviceCode
        {
            DeviceCodeHash = SecretHasher.Hash(deviceCode),
            UserCodeHash = UserCode.Hash(userCode),
            ClientId = clientId,
            Grant = grants.Start(GrantKind.DeviceCode, clientId, null, scopes, resources),
            Scopes = scopes.ToList(),
            Status = DeviceCodeStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + options.Value.DeviceCodeLifetime,
            PollingInterval = (int)options.Value.DevicePollingInterval.TotalSeconds,
        });
        return db.SaveChangesAsync(cancellationToken);
    }
}
