using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data.Configurations;

namespace OAuthPortal.Data;

/// <summary>
/// The portal's database (djoauth2 <c>models</c>). Abstract: each provider has a subclass that owns
/// its migrations (<see cref="SqlitePortalDbContext"/>, <see cref="SqlServerPortalDbContext"/>,
/// <see cref="PostgreSqlPortalDbContext"/>).
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys (cookies, antiforgery), shared by every instance of the portal.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Client> Clients => Set<Client>();
    public DbSet<RedirectUri> RedirectUris => Set<RedirectUri>();
    public DbSet<PostLogoutRedirectUri> PostLogoutRedirectUris => Set<PostLogoutRedirectUri>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<Scope> Scopes => Set<Scope>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<AuthorizationCode> AuthorizationCodes => Set<AuthorizationCode>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<DeviceCode> DeviceCodes => Set<DeviceCode>();
    public DbSet<PushedAuthorizationRequest> PushedAuthorizationRequests => Set<PushedAuthorizationRequest>();
    public DbSet<UsedJwtId> UsedJwtIds => Set<UsedJwtId>();
    public DbSet<InitialAccessToken> InitialAccessTokens => Set<InitialAccessToken>();
    public DbSet<ProtectedResource> ProtectedResources => Set<ProtectedResource>();
    public DbSet<ConsentGrant> ConsentGrants => Set<ConsentGrant>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<ClusterLease> ClusterLeases => Set<ClusterLease>();
    public DbSet<HandedOverSecret> HandedOverSecrets => Set<HandedOverSecret>();

    /// <summary>Identity UI's <c>Stores.MaxLengthForKeys</c>.</summary>
    private const int IdentityKeyLength = 128;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity UI sets Stores.MaxLengthForKeys = 128 at run time, but `dotnet ef` builds the model without the app's
        // services: said here too, the model is the same in both (else a server database refuses to migrate with
        // PendingModelChangesWarning).
        builder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.Property(l => l.LoginProvider).HasMaxLength(IdentityKeyLength);
            login.Property(l => l.ProviderKey).HasMaxLength(IdentityKeyLength);
        });
        builder.Entity<IdentityUserToken<string>>(token =>
        {
            token.Property(t => t.LoginProvider).HasMaxLength(IdentityKeyLength);
            token.Property(t => t.Name).HasMaxLength(IdentityKeyLength);
        });
        // Identity schema version 3 (IdentityOptions.Stores.SchemaVersion, set in AddPortalIdentity): passkeys in
        // AspNetUserPasskeys, and version 2's phone-number length. Said here too, like the key lengths above: `dotnet ef`
        // (no app services) would build version 1, which ignores the passkey entity.
        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.PhoneNumber).HasMaxLength(256);
            user.HasMany<IdentityUserPasskey<string>>().WithOne().HasForeignKey(p => p.UserId).IsRequired();
        });
        builder.Entity<IdentityUserPasskey<string>>(passkey =>
        {
            passkey.HasKey(p => p.CredentialId);
            passkey.ToTable("AspNetUserPasskeys");
            passkey.Property(p => p.CredentialId).HasMaxLength(1024); // WebAuthn: at most 1023 bytes
            passkey.OwnsOne(p => p.Data).ToJson();
        });
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly,
            type => type.Namespace == typeof(ClientConfiguration).Namespace);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; the converter restores DateTimeKind.Utc on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
