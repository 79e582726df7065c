using Microsoft.Extensions.Options;
using OAuthPortal.OAuth.Oidc.Logout;

namespace OAuthPortal.OAuth;

/// <summary>
/// Refuses settings that break the protocol anywhere, and settings that are only safe on a developer's
/// machine (no TLS, no state, long-lived codes, issuer from the Host header) outside Development and Testing.
/// </summary>
public sealed class OAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<OAuthOptions>
{
    public const string TestingEnvironment = "Testing";

    private static readonly TimeSpan MaxAuthorizationCodeLifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MaxPushedRequestLifetime = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        var failures = new List<string>();
        RequirePositive(failures, nameof(options.AccessTokenLifetime), options.AccessTokenLifetime);
        RequirePositive(failures, nameof(options.AuthorizationCodeLifetime), options.AuthorizationCodeLifetime);
        RequirePositive(failures, nameof(options.RefreshTokenLifetime), options.RefreshTokenLifetime);
        RequirePositive(failures, nameof(options.RetainExpiredFor), options.RetainExpiredFor);
        RequirePositive(failures, nameof(options.PruneInterval), options.PruneInterval);
        if (options.PruneInterval > MaxPruneInterval)
        {
            failures.Add($"{Key(nameof(options.PruneInterval))} must be at most {MaxPruneInterval.TotalDays} days (was {options.PruneInterval}).");
        }

        RequirePositive(failures, nameof(options.IdTokenLifetime), options.IdTokenLifetime);
        RequirePositive(failures, nameof(options.DeviceCodeLifetime), options.DeviceCodeLifetime);
        if (options.DevicePollingInterval < TimeSpan.FromSeconds(1) || options.DevicePollingInterval >= options.DeviceCodeLifetime)
        {
            failures.Add($"{Key(nameof(options.DevicePollingInterval))} must be at least 1 second and shorter than " +
                $"{Key(nameof(options.DeviceCodeLifetime))} (was {options.DevicePollingInterval}).");
        }

        RequirePositive(failures, nameof(options.PushedRequestLifetime), options.PushedRequestLifetime);
        if (options.PushedRequestLifetime > MaxPushedRequestLifetime)
        {
            failures.Add($"{Key(nameof(options.PushedRequestLifetime))} must be at most {MaxPushedRequestLifetime.TotalMinutes} minutes " +
                $"(RFC 9126 section 2.2: short-lived; was {options.PushedRequestLifetime}).");
        }

        if (options.PushedRequestInteractionLifetime < TimeSpan.FromMinutes(1) || options.PushedRequestInteractionLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{Key(nameof(options.PushedRequestInteractionLifetime))} must be between 1 minute and 1 hour (was {options.PushedRequestInteractionLifetime}).");
        }

        ValidateUserCodeAttempts(failures, options.UserCodeAttempts);
        ValidateDpop(failures, options.Dpop);
        ValidateSigningKeys(failures, options.SigningKeys);
        ValidateBackchannelLogout(failures, options.BackchannelLogout);

        if (options.Realm.Any(c => c is < ' ' or > '~'))
        {
            failures.Add($"{Key(nameof(options.Realm))} must be printable ASCII (it goes into WWW-Authenticate headers).");
        }

        if (!string.IsNullOrEmpty(options.Issuer) && IssuerProblem(options.Issuer, options.RequireHttps) is { } issuerProblem)
        {
            failures.Add($"{Key(nameof(options.Issuer))} {issuerProblem}");
        }

        if (!IsDeveloperEnvironment)
        {
            RefuseOutsideDevelopment(failures, !options.RequireHttps, $"{Key(nameof(options.RequireHttps))}=false");
            RefuseOutsideDevelopment(failures, !options.RequireState, $"{Key(nameof(options.RequireState))}=false");
            RefuseOutsideDevelopment(failures, options.AuthorizationCodeLifetime > MaxAuthorizationCodeLifetime,
                $"{Key(nameof(options.AuthorizationCodeLifetime))} above 10 minutes (RFC 6749 section 4.1.2)");
            if (string.IsNullOrEmpty(options.Issuer))
            {
                failures.Add($"{Key(nameof(options.Issuer))} must be set to the portal's public https URL " +
                    $"in the {environment.EnvironmentName} environment (it is taken from the request only in Development and Testing).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private bool IsDeveloperEnvironment =>
        environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);

    private void RefuseOutsideDevelopment(List<string> failures, bool unsafeValue, string setting)
    {
        if (unsafeValue)
        {
            failures.Add($"{setting} is unsafe and only allowed in the Development and Testing environments " +
                $"(current environment: {environment.EnvironmentName}).");
        }
    }

    /// <summary>The background pruning waits with Task.Delay, which takes at most about 49 days.</summary>
    public static readonly TimeSpan MaxPruneInterval = TimeSpan.FromDays(30);

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Key(name)} must be greater than zero (was {value}).");
        }
    }

    /// <summary>Wrong user codes must be limited (RFC 8628 §5.1): a limit of zero or less would let none through, or all.</summary>
    private static void ValidateUserCodeAttempts(List<string> failures, UserCodeAttemptOptions attempts)
    {
        var section = $"{OAuthOptions.SectionName}:{nameof(OAuthOptions.UserCodeAttempts)}";
        if (attempts.PerUser is < 1 or > 100 || attempts.PerSource is < 1 or > 1000)
        {
            failures.Add($"{section}:{nameof(attempts.PerUser)} must be between 1 and 100 and {section}:{nameof(attempts.PerSource)} " +
                $"between 1 and 1000 (were {attempts.PerUser} and {attempts.PerSource}).");
        }

        RequirePositive(failures, $"{nameof(OAuthOptions.UserCodeAttempts)}:{nameof(attempts.LockoutDuration)}", attempts.LockoutDuration);
    }

    /// <summary>RFC 9449 §11.1: proofs are good for a short window, which is also how long their jtis are kept.</summary>
    private static void ValidateDpop(List<string> failures, Dpop.DpopOptions dpop)
    {
        var section = $"{OAuthOptions.SectionName}:{nameof(OAuthOptions.Dpop)}";
        if (dpop.ProofLifetime <= TimeSpan.Zero || dpop.ProofLifetime > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:{nameof(dpop.ProofLifetime)} must be more than zero and at most 10 minutes (was {dpop.ProofLifetime}).");
        }

        if (dpop.ClockSkew < TimeSpan.Zero || dpop.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:{nameof(dpop.ClockSkew)} must be between zero and 5 minutes (was {dpop.ClockSkew}).");
        }

        if (dpop.NonceLifetime < TimeSpan.FromSeconds(10) || dpop.NonceLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(dpop.NonceLifetime)} must be between 10 seconds and 1 hour (was {dpop.NonceLifetime}).");
        }
    }

    /// <summary>A key must be published before it signs, and sign for a while before the next one is published.</summary>
    private static void ValidateSigningKeys(List<string> failures, SigningKeyOptions keys)
    {
        var section = $"{OAuthOptions.SectionName}:{nameof(OAuthOptions.SigningKeys)}";
        RequirePositive(failures, $"{nameof(OAuthOptions.SigningKeys)}:{nameof(keys.RotationInterval)}", keys.RotationInterval);
        RequirePositive(failures, $"{nameof(OAuthOptions.SigningKeys)}:{nameof(keys.PublishAhead)}", keys.PublishAhead);
        if (keys.PublishAhead > TimeSpan.Zero && keys.RotationInterval > TimeSpan.Zero && keys.PublishAhead >= keys.RotationInterval)
        {
            failures.Add($"{section}:{nameof(keys.PublishAhead)} must be shorter than {section}:{nameof(keys.RotationInterval)} " +
                $"(were {keys.PublishAhead} and {keys.RotationInterval}).");
        }
    }

    /// <summary>
    /// At least one attempt, each with time to answer, the pause never negative, and the whole schedule (every attempt
    /// timing out, every pause) within the life of the logout token it carries: a later POST would bring an expired one.
    /// </summary>
    private static void ValidateBackchannelLogout(List<string> failures, BackchannelLogoutOptions delivery)
    {
        var section = $"{OAuthOptions.SectionName}:{nameof(OAuthOptions.BackchannelLogout)}";
        RequirePositive(failures, $"{nameof(OAuthOptions.BackchannelLogout)}:{nameof(delivery.Timeout)}", delivery.Timeout);
        if (delivery.Attempts is < 1 or > 10)
        {
            failures.Add($"{section}:{nameof(delivery.Attempts)} must be between 1 and 10 (was {delivery.Attempts}).");
            return;
        }

        if (delivery.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"{section}:{nameof(delivery.RetryDelay)} must not be negative (was {delivery.RetryDelay}).");
            return;
        }

        var schedule = delivery.Timeout * delivery.Attempts + delivery.RetryDelay * ((1 << (delivery.Attempts - 1)) - 1);
        if (schedule > BackchannelLogout.Lifetime)
        {
            failures.Add($"{section}: {delivery.Attempts} attempts of up to {delivery.Timeout} with pauses from {delivery.RetryDelay} (doubling) " +
                $"take up to {schedule}, longer than a logout token lives ({BackchannelLogout.Lifetime}).");
        }
    }

    private static string? IssuerProblem(string issuer, bool requireHttps)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute http(s) URL.";
        }

        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "must use https when OAuth:RequireHttps is true.";
        }

        if (uri.Query.Length > 0 || issuer.Contains('#'))
        {
            return "must not have a query or a fragment (RFC 8414 section 2).";
        }

        // The portal serves its endpoints and metadata at the root of its origin; an issuer with a path (or a trailing
        // slash, which clients compare literally, RFC 8414 section 3.3) would advertise URLs that do not exist.
        return uri.AbsolutePath != "/" || issuer.EndsWith('/')
            ? $"must be the portal's origin only, without a path or trailing slash (e.g. {uri.Scheme}://{uri.Authority})."
            : null;
    }

    private static string Key(string property) => $"{OAuthOptions.SectionName}:{property}";
}
