using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Hosting.Telemetry;

/// <summary>
/// The gauge <c>oauthportal.tokens.active</c>: tokens still usable (<see cref="TokenQueries.ActiveAt"/>, the admin
/// dashboard's definition), across every instance since they share the database. A scrape never waits for the
/// database: it reads the last count, and when that is older than <see cref="TelemetrySettings.ActiveTokensRefresh"/>
/// starts one count in the background (never two at once), so a busy scraper costs one COUNT per interval at most.
/// Nothing is reported until the first count is in.
/// </summary>
public sealed class ActiveTokensGauge
{
    public const string InstrumentName = "oauthportal.tokens.active";

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _refresh;
    private readonly ILogger<ActiveTokensGauge> _logger;
    private long _count = -1;
    private long _countedAtTicks; // never: the first scrape counts
    private int _counting;

    public ActiveTokensGauge(
        PortalMetrics metrics, IServiceScopeFactory scopes, TimeProvider clock, IOptions<TelemetrySettings> settings, ILogger<ActiveTokensGauge> logger)
    {
        (_scopes, _clock, _refresh, _logger) = (scopes, clock, settings.Value.ActiveTokensRefresh, logger);
        metrics.Meter.CreateObservableGauge(InstrumentName, Observe, "{token}",
            "Tokens still usable (not revoked; access or refresh token unexpired), counted at most every Portal:Telemetry:ActiveTokensRefresh.");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var now = _clock.GetUtcNow();
        if (now.UtcTicks - Interlocked.Read(ref _countedAtTicks) >= _refresh.Ticks && Interlocked.CompareExchange(ref _counting, 1, 0) == 0)
        {
            _ = Task.Run(() => CountAsync(now));
        }

        var count = Interlocked.Read(ref _count);
        return count < 0 ? [] : [new Measurement<long>(count)];
    }

    private async Task CountAsync(DateTimeOffset now)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Interlocked.Exchange(ref _count, await db.AccessTokens.CountAsync(TokenQueries.ActiveAt(now.UtcDateTime)));
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Counting active tokens for the {Gauge} gauge failed; the last count is kept.", InstrumentName);
        }
        finally
        {
            Interlocked.Exchange(ref _countedAtTicks, now.UtcTicks);
            Interlocked.Exchange(ref _counting, 0);
        }
    }
}
