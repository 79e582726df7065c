using OAuthPortal.Data;
using OAuthPortal.OAuth;

namespace OAuthPortal.Hosting;

/// <summary>
/// A database that is locked past Database:CommandTimeout, or away, is not a bug: the request gets 503 with Retry-After
/// (the JSON <c>temporarily_unavailable</c> on the <see cref="JsonEndpoints"/>, the status page elsewhere) and one log
/// line without a stack trace. Nothing was spent: the transaction that failed rolled back. The portal recovers by
/// itself when the database answers again.
/// </summary>
public sealed class DatabaseUnavailableResponses(RequestDelegate next, ILogger<DatabaseUnavailableResponses> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception) && !context.Response.HasStarted)
        {
            logger.LogWarning("Database unavailable, answered 503 to {Method} {Path}: {Reason}",
                context.Request.Method, context.Request.Path, Innermost(exception).Message);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (JsonEndpoints.Answers(context.Request))
            {
                await JsonEndpoints.WriteErrorAsync(context, OAuthError.TemporarilyUnavailable(
                    $"The authorization server cannot reach its database right now; nothing was changed. Retry after {RetryAfterSeconds} seconds."));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; // the status-code page explains
            }
        }
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
