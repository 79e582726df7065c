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
        builder.Entity<Scope>().Property(s => s.Name).UseCollation(CaseSensitiveCollation);

        // Every column that refers to a client takes its collation: SQL Server refuses a foreign key between columns
        // of different collations (Msg 1757), and a comparison across them.
        foreach (var reference in builder.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
                     .Where(fk => fk.PrincipalEntityType.ClrType == typeof(Client)))
        {
            foreach (var property in reference.Properties)
            {
                property.SetCollation(CaseSensitiveCollation);
            }
        }
    }
}
