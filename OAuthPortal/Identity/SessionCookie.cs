using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Identity;

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="UserSessions"/>): every sign-in starts one and puts its
/// id in the cookie (claim <c>sid</c>), every request checks it before Identity's security-stamp check, and signing out
/// ends it. A cookie without a live session is refused and deleted, so a copy saved before logout no longer works.
/// Every fresh sign-in (not Identity's refresh of the cookie) is audited here (<see cref="SignInAudit"/>).
/// </summary>
public static class SessionCookie
{
    public static void Attach(CookieAuthenticationEvents events)
    {
        var validateSecurityStamp = events.OnValidatePrincipal;
        var signingOut = events.OnSigningOut;

        events.OnSigningIn = async context =>
        {
            if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId || context.Principal.Identity is not ClaimsIdentity identity)
            {
                return;
            }

            var http = context.HttpContext;
            var fresh = !context.Properties.Items.ContainsKey(AuthTimeItem); // not Identity's refresh of a signed-in cookie
            var sessions = http.RequestServices.GetRequiredService<UserSessions>();
            var previousUser = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var current = http.User.FindFirstValue(UserSessions.ClaimType);
            if (current is not null && previousUser is not null && previousUser != userId)
            {
                await sessions.EndAsync(previousUser, current, http.RequestAborted); // another user signs in in this browser
                current = null;
            }

            // A refreshed sign-in (Identity re-signs after a profile change) keeps the browser's session while it lasts.
            var sessionId = current is not null && await sessions.IsActiveAsync(current, userId, Address(http), http.RequestAborted)
                ? current
                : await sessions.StartAsync(userId, Address(http), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
            foreach (var stale in identity.FindAll(UserSessions.ClaimType).ToList())
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(UserSessions.ClaimType, sessionId));
            StampAuthenticationTime(context, identity, http.RequestServices.GetRequiredService<TimeProvider>());
            if (fresh)
            {
                // The one place every sign-in passes (password, second factor, recovery code, passkey, registration).
                await http.RequestServices.GetRequiredService<SignInAudit>().SignedInAsync(http, context.Principal);
            }
        };

        events.OnValidatePrincipal = async context =>
        {
            var http = context.HttpContext;
            var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
            var sessionId = context.Principal?.FindFirstValue(UserSessions.ClaimType);
            if (userId is null || sessionId is null ||
                !await http.RequestServices.GetRequiredService<UserSessions>().IsActiveAsync(sessionId, userId, Address(http), http.RequestAborted))
            {
                context.RejectPrincipal();
                await http.SignOutAsync(context.Scheme.Name);
                return;
            }

            await validateSecurityStamp(context);
        };

        events.OnSigningOut = async context =>
        {
            var http = context.HttpContext;
            if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId && http.User.FindFirstValue(UserSessions.ClaimType) is { } sessionId)
            {
                await http.RequestServices.GetRequiredService<UserSessions>().EndAsync(userId, sessionId, http.RequestAborted);
            }

            await signingOut(context);
        };
    }

    /// <summary>
    /// Carries the session, the time of authentication and its methods over when Identity rebuilds the principal after
    /// its periodic security-stamp check (which would otherwise drop them).
    /// </summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is not ClaimsIdentity identity || context.CurrentPrincipal is not { } current)
        {
            return Task.CompletedTask;
        }

        foreach (var claim in current.Claims.Where(c => c.Type is UserSessions.ClaimType or OidcClaimNames.AuthTime or SignedInUser.MethodClaimType))
        {
            if (!identity.HasClaim(claim.Type, claim.Value))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The time the user authenticated (OpenID Connect <c>auth_time</c>), kept in the cookie's properties and as a
    /// claim. A fresh sign-in (password, second factor, registration) comes with new properties and gets the current
    /// time; Identity's refreshed sign-in (after a profile change) passes the cookie's properties on and keeps it.
    /// </summary>
    private static void StampAuthenticationTime(CookieSigningInContext context, ClaimsIdentity identity, TimeProvider clock)
    {
        if (!context.Properties.Items.TryGetValue(AuthTimeItem, out var authTime) || authTime is null)
        {
            authTime = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Properties.Items[AuthTimeItem] = authTime;
        }

        foreach (var stale in identity.FindAll(OidcClaimNames.AuthTime).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(OidcClaimNames.AuthTime, authTime));
    }

    private const string AuthTimeItem = ".auth_time";

    private static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
