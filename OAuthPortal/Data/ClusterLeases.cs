using Microsoft.EntityFrameworkCore;

namespace OAuthPortal.Data;

/// <summary>
/// Cluster-wide leases and locks, as <see cref="ClusterLease"/> rows shared by every instance on the database.
/// <list type="bullet">
/// <item>A lease (<see cref="TryAcquireAsync"/>) gives periodic work to one instance per interval: taken by a conditional
/// UPDATE when free, expired or already ours, or by the INSERT that creates the row; an instance that dies holds it no
/// longer than it asked for.</item>
/// <item>A lock (<see cref="RunLockedAsync{T}"/>) serialises a read-then-write across instances: its row is written first
/// in a transaction, which holds the row lock (PostgreSQL, SQL Server) or the write lock (SQLite) until commit.</item>
/// </list>
/// Both are tiny writes that go straight to the database (not through <see cref="DatabaseWriteGate"/>).
/// </summary>
public sealed class ClusterLeases(PortalDbContext db, ClusterInstance instance, TimeProvider clock)
{
    /// <summary>
    /// The lease length for work done every <paramref name="interval"/>: the interval less a tenth (at most 10 seconds),
    /// so that it has run out by the time the holder's next turn would come. The holder renews it then; if the holder
    /// has died, the first instance to try after that takes the work over, and timers or clocks that differ between
    /// instances by less than the margin cost no turn.
    /// </summary>
    public static TimeSpan ForInterval(TimeSpan interval) =>
        interval - TimeSpan.FromTicks(Math.Min(interval.Ticks / 10, TimeSpan.FromSeconds(10).Ticks));

    /// <summary>
    /// Takes lease <paramref name="name"/> for this instance until <paramref name="holdFor"/> from now when it is free,
    /// expired or held by this instance already; false when another instance holds it.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan holdFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + holdFor;
        var me = instance.Id;
        var taken = await db.ClusterLeases.Where(l => l.Name == name && (l.ExpiresAt <= now || l.Holder == me))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return taken == 1 || await TryInsertAsync(name, me, until, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction on the scoped <see cref="PortalDbContext"/> that first writes lock
    /// row <paramref name="name"/>, so that the same work on any instance waits until this one commits, and then reads
    /// what it committed (READ COMMITTED: each statement after the wait sees it). Everything <paramref name="work"/>
    /// writes through the context (UserManager included) commits with it. It must not write through another context or
    /// scope (such as <c>IOAuthEvents</c>' audit entry): on SQLite that write would wait for this one's lock.
    /// </summary>
    public async Task<T> RunLockedAsync<T>(string name, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        // Made outside the transaction: a failed INSERT (SQL Server's close race) would abort a PostgreSQL transaction.
        await TryInsertAsync(name, "", clock.GetUtcNow().UtcDateTime, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ClusterLeases.Where(l => l.Name == name).ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, l => l.Holder), cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Creates row <paramref name="name"/>; false when another instance created it first. Losing that race is not an
    /// error on SQLite and PostgreSQL (<c>ON CONFLICT DO NOTHING</c>: nothing failed is logged); SQL Server, which has no
    /// such clause, inserts only when the row is missing and may still meet a duplicate key in a close race.
    /// </summary>
    private async Task<bool> TryInsertAsync(string name, string holder, DateTime expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            return (db.Database.IsSqlServer()
                ? await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"ClusterLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") SELECT {name}, {holder}, {expiresAt} WHERE NOT EXISTS (SELECT 1 FROM \"ClusterLeases\" WHERE \"Name\" = {name})",
                    cancellationToken)
                : await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"ClusterLeases\" (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ({name}, {holder}, {expiresAt}) ON CONFLICT (\"Name\") DO NOTHING",
                    cancellationToken)) == 1;
        }
        catch (Exception exception) when (DuplicateKey.Is(exception))
        {
            return false;
        }
    }
}
