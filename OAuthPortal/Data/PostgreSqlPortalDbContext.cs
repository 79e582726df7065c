using Microsoft.EntityFrameworkCore;

namespace OAuthPortal.Data;

/// <summary>
/// The PostgreSQL flavour of <see cref="PortalDbContext"/>; its migrations live in Migrations/PostgreSql. PostgreSQL's
/// default collation is deterministic, so client_id and scope names are case-sensitive as on the other providers;
/// timestamps are <c>timestamp with time zone</c> written in UTC (<see cref="UtcDateTimeConverter"/>); e-mail lookups go
/// through Identity's upper-cased <c>NormalizedEmail</c> and its index.
/// </summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options);
