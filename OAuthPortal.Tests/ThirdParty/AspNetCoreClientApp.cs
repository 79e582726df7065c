using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// A third-party web app that signs its users in with the portal through ASP.NET Core's own OAuth handler
/// (Microsoft.AspNetCore.Authentication.OAuth), on its own Kestrel socket at http://127.0.0.1:PORT. <c>/whoami</c>
/// needs a signed-in user and challenges the "portal" scheme; the handler's back-channel requests (token endpoint,
/// /api/me) are recorded in <see cref="Backchannel"/>.
/// </summary>
public sealed class AspNetCoreClientApp : IAsyncDisposable
{
    public const string Scheme = "portal";
    public const string CallbackPath = "/signin-portal";

    /// <summary>Distinct from the portal's cookies, which the shared cookie jar also sends here (same host).</summary>
    public const string CookieName = "thirdparty-client";

    public const string ClientIdClaim = "urn:portal:client_id";
    public const string ScopeClaim = "urn:portal:scope";

    private readonly WebApplication _app;
    private readonly Credentials _credentials;

    private AspNetCoreClientApp(WebApplication app, Credentials credentials, RecordingHandler backchannel, Uri baseAddress)
    {
        _app = app;
        _credentials = credentials;
        Backchannel = backchannel.Requests;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The redirect URI the handler sends: the app's origin and <see cref="CallbackPath"/>; register exactly this.</summary>
    public string RedirectUri => Origin + CallbackPath;

    /// <summary>The handler's back-channel requests: method, URL, Authorization header and form body.</summary>
    public ConcurrentQueue<RecordedRequest> Backchannel { get; }

    public sealed record RecordedRequest(HttpMethod Method, Uri Url, AuthenticationHeaderValue? Authorization, Dictionary<string, string> Form, int Status);

    /// <summary>The body of <c>/whoami</c>: the signed-in user's claims as mapped from /api/me, and what the handler saved.</summary>
    public sealed record WhoAmI(
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("sub")] string? Subject,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token_saved")] bool RefreshTokenSaved,
        [property: JsonPropertyName("token_type")] string? TokenType);

    /// <summary>
    /// Starts the app against <paramref name="portal"/>. The client is registered afterwards (its redirect URI needs
    /// the port) and handed over with <see cref="UseClient"/> before the first request: the handler reads its options then.
    /// </summary>
    public static async Task<AspNetCoreClientApp> StartAsync(KestrelPortal portal)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(AspNetCoreClientApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        var credentials = new Credentials();
        var backchannel = new RecordingHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } };
        builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddCookie(options =>
            {
                // Plain http on loopback: the cookie must not be Secure, or the browser never sends it back.
                options.Cookie.Name = CookieName;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            })
            .AddOAuth(Scheme, options =>
            {
                options.AuthorizationEndpoint = portal.Origin + AuthorizationServerMetadata.AuthorizationPath;
                options.TokenEndpoint = portal.Origin + AuthorizationServerMetadata.TokenPath;
                options.UserInformationEndpoint = portal.Origin + "/api/me";
                options.ClientId = credentials.ClientId;
                options.ClientSecret = credentials.ClientSecret;
                options.CallbackPath = CallbackPath;
                options.UsePkce = true;
                options.Scope.Add(ThirdPartySetup.Scope);
                options.SaveTokens = true;
                options.BackchannelHttpHandler = backchannel;
                options.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "sub");
                options.ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
                options.ClaimActions.MapJsonKey(ClientIdClaim, "client_id");
                options.ClaimActions.MapJsonKey(ScopeClaim, "scope");
                // The correlation cookie is SameSite=None and Secure by default: over http it would never come back.
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnCreatingTicket = async context =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
                    response.EnsureSuccessStatusCode();
                    using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
                    context.RunClaimActions(user.RootElement);
                };
                // Shown to the test instead of an exception page: why the sign-in failed.
                options.Events.OnRemoteFailure = async context =>
                {
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("remote failure: " + context.Failure?.Message);
                    context.HandleResponse();
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        // A RequestDelegate that writes its own body (a lambda taking HttpContext and returning an IResult would bind
        // to the RequestDelegate overload too, and its result would be dropped).
        app.MapGet("/whoami", async context => await context.Response.WriteAsJsonAsync(new WhoAmI(
            context.User.FindFirstValue(ClaimTypes.Email),
            context.User.FindFirstValue(ClaimTypes.NameIdentifier),
            context.User.FindFirstValue(ClientIdClaim),
            context.User.FindFirstValue(ScopeClaim),
            await context.GetTokenAsync("access_token"),
            await context.GetTokenAsync("refresh_token") is { Length: > 0 },
            await context.GetTokenAsync("token_type")))).RequireAuthorization();

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new AspNetCoreClientApp(app, credentials, backchannel, new Uri($"http://127.0.0.1:{address.Port}"));
    }

    /// <summary>The client_id and secret the portal issued; must be called before the first request.</summary>
    public void UseClient(RegisteredClient client)
    {
        _credentials.ClientId = client.ClientId;
        _credentials.ClientSecret = client.ClientSecret!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Filled in after start-up; the options lambda reads it on the first request (options are built lazily).</summary>
    private sealed class Credentials
    {
        public string ClientId { get; set; } = "not-yet-registered";
        public string ClientSecret { get; set; } = "not-yet-registered";
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = request.Content is FormUrlEncodedContent content
                ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + await content.ReadAsStringAsync(cancellationToken))
                    .ToDictionary(p => p.Key, p => p.Value.ToString())
                : [];
            var response = await base.SendAsync(request, cancellationToken);
            Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization, form, (int)response.StatusCode));
            return response;
        }
    }
}
