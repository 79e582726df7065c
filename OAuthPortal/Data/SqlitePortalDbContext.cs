using Microsoft.EntityFrameworkCore;

namespace OAuthPortal.Data;

/// <summary>The SQLite flavour of <see cref="PortalDbContext"/>; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);
