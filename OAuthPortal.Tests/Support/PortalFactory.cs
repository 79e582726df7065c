using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The real portal over real HTTP (TestServer): a fresh database per factory (<see cref="TestDatabase"/>: a temporary
/// SQLite file, or a PostgreSQL database in the PostgreSQL test assembly), migrated by the app's own start-up, a controllable clock, RSA signing keys from a pool (<see cref="PooledSigningKeyGenerator"/>),
/// and https://localhost as the base address (RequireHttps stays on).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    static PortalFactory()
    {
        // Hundreds of short-lived hosts: configuration files must not each get a file watcher (inotify instances run out).
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _configureServices;

    /// <summary>The portal with appsettings.json as shipped, in the Testing environment (a class fixture).</summary>
    public PortalFactory() : this(new Dictionary<string, string?>(), "Testing")
    {
    }

    private PortalFactory(IDictionary<string, string?> settings, string environment, Action<IServiceCollection>? configureServices = null)
    {
        _configureServices = configureServices;
        _environment = environment;
        _settings = new Dictionary<string, string?>(settings);
        if (!_settings.ContainsKey("ConnectionStrings:Portal"))
        {
            Database = new TestDatabase();
            foreach (var (key, value) in Database.Settings)
            {
                _settings.TryAdd(key, value);
            }
        }

        // A test portal signs in and calls the token endpoint far more often than a person: limits are tested on purpose only.
        _settings.TryAdd("Portal:RateLimits:OAuthPermitsPerMinute", "100000");
        _settings.TryAdd("Portal:RateLimits:OAuthPermitsPerMinutePerAddress", "100000");
        _settings.TryAdd("Portal:RateLimits:LoginPermitsPerMinute", "100000");
        _settings.TryAdd("Portal:RateLimits:RegistrationPermitsPerMinutePerAddress", "100000");
        // Admins in tests have no second factor unless a test sets one up: the admin gate is tested on purpose only.
        _settings.TryAdd("Portal:RequireTwoFactorForAdmins", "false");
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    /// <summary>A portal with extra settings (configuration keys such as "OAuth:RequireHttps") and an environment.</summary>
    public static PortalFactory With(
        IDictionary<string, string?> settings, string environment = "Testing", Action<IServiceCollection>? configureServices = null) =>
        new(settings, environment, configureServices);

    /// <summary>A second portal on the same database as <paramref name="first"/> (another instance of a cluster).</summary>
    public static PortalFactory SharingDatabaseOf(
        PortalFactory first, IDictionary<string, string?>? settings = null, string environment = "Testing", Action<IServiceCollection>? configureServices = null)
    {
        var shared = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        foreach (var (key, value) in first.Database!.Settings)
        {
            shared.TryAdd(key, value);
        }

        return new PortalFactory(shared, environment, configureServices);
    }

    /// <summary>The database this factory made and drops when disposed; null when the settings named one.</summary>
    public TestDatabase? Database { get; }

    /// <summary>The SQLite file of <see cref="Database"/> (SQLite-only tests).</summary>
    public string DatabasePath => Database?.SqlitePath ?? "";

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // Outside Development the host does not map static web assets from the build (obj/ compressed copies, Identity
        // UI's assets) by itself; a published app serves them from its own wwwroot. A browser asks for gzip/br variants.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<SigningKeyGenerator>(PooledSigningKeyGenerator.Instance);
            _configureServices?.Invoke(services);
        });
    }

    /// <summary>Runs <paramref name="action"/> with services from a fresh DI scope (a fresh DbContext).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> action) =>
        WithScopeAsync(async services => { await action(services); return true; });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Database?.Dispose();
    }
}
