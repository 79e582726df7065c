using Microsoft.EntityFrameworkCore;

namespace OAuthPortal.Data;

/// <summary>The SQL Server flavour of <see cref="PortalDbContext"/>; its migrations live in Migrations/SqlServer.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>A binary collation: client_id and scope names are case-sensitive (RFC 6749 §§2.2, 3.3), as they are on SQLite.</summary>
    public const string CaseSensitiveCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Client>().Property(c => c.Id).UseCollation(CaseSensitiveCollation);
        builder.Entity<RedirectUri>().Property(r => r.ClientId).UseCollation(CaseSensitiveCollation);
        builder.Entity<AuthorizationCode>().Property(c => c.ClientId).UseCollation(CaseSensitiveCollation);
        builder.Entity<AccessToken>().Property(t => t.ClientId).UseCollation(CaseSensitiveCollation);
        builder.Entity<ConsentGrant>().Property(g => g.ClientId).UseCollation(CaseSensitiveCollation);
        builder.Entity<Scope>().Property(s => s.Name).UseCollation(CaseSensitiveCollation);
    }
}
