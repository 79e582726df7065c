using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;
using OAuthPortal.Pages;

namespace OAuthPortal.Hosting;

/// <summary>
/// A database that is locked past Database:CommandTimeout, or away, is not a bug: the request gets 503 with Retry-After
/// (the JSON <c>temporarily_unavailable</c> on the <see cref="JsonEndpoints"/>, a plain page elsewhere, written here
/// because rendering the portal's layout may need the database too) and one log line without a stack trace (an error
/// with its trace for the faults an operator must look at: <see cref="DatabaseUnavailable.IsPassing"/>). Nothing was
/// spent: the transaction that failed rolled back. The portal recovers by itself when the database answers again.
/// </summary>
public sealed class DatabaseUnavailableResponses(RequestDelegate next, ILogger<DatabaseUnavailableResponses> logger)
{
    public const int RetryAfterSeconds = 5;

    private const string Title = StatusModel.UnavailableTitle;
    private const string Explanation = StatusModel.UnavailableExplanation;

    private const string Page =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />" +
        "<title>" + Title + " - OAuthPortal</title><link rel=\"stylesheet\" href=\"/lib/bootstrap/dist/css/bootstrap.min.css\" /></head>" +
        "<body><main class=\"container py-5\"><h1 class=\"h3\" data-test=\"status-title\">" + Title + "</h1>" +
        "<p data-test=\"status-explanation\">" + Explanation + "</p><p><a href=\"/\">Back to the home page</a></p></main></body></html>";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (DatabaseUnavailable.Is(exception) && !context.Response.HasStarted)
        {
            if (DatabaseUnavailable.IsPassing(exception))
            {
                logger.LogWarning("Database unavailable, answered 503 to {Method} {Path}: {Reason}",
                    context.Request.Method, context.Request.Path, Innermost(exception).Message);
            }
            else
            {
                logger.LogError(exception, "Database fault, answered 503 to {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (JsonEndpoints.Answers(context.Request))
            {
                await OAuthJsonError.WriteAsync(context, OAuthError.TemporarilyUnavailable(
                    $"The authorization server cannot reach its database right now; nothing was changed. Retry after {RetryAfterSeconds} seconds."));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page, context.RequestAborted);
            }
        }
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
