using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Telemetry;

/// <summary>
/// Every response carries its request id (the W3C trace id) in X-Request-Id; the error, status and OAuth2 error
/// pages show the same id, and every log line of the request carries it in its CorrelationId scope.
/// </summary>
public sealed partial class RequestIdTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Error_ForcedServerError_ShowsTheIdOfItsHeaderAndOfItsLogLines()
    {
        var logs = new ScopeCapturingLoggerProvider();
        using var failing = PortalFactory.With(new Dictionary<string, string?>(), configureServices: services =>
        {
            services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new ThrowOnHomePage()));
            services.AddSingleton<ILoggerProvider>(logs);
        });

        var response = await failing.CreateClient().GetAsync("/");

        Html.AssertStatus(HttpStatusCode.InternalServerError, response);
        var id = HeaderId(response);
        var page = await Html.ParseAsync(response);
        Assert.Equal(id, page.QuerySelector("[data-test=request-id]")?.TextContent);
        var failure = Assert.Single(logs.Entries, e => e.Exception is InvalidOperationException { Message: ThrowOnHomePage.Message });
        Assert.Equal(id, failure.CorrelationId);
    }

    [Fact]
    public async Task StatusPage_UnknownAddress_ShowsTheIdOfItsHeader()
    {
        var response = await factory.CreateClient().GetAsync("/no/such/page");

        Html.AssertStatus(HttpStatusCode.NotFound, response);
        var page = await Html.ParseAsync(response);
        Assert.Equal(HeaderId(response), page.QuerySelector("[data-test=request-id]")?.TextContent);
    }

    [Theory]
    [InlineData("/oauth2/authorize?response_type=code")] // refused without a client to send the error to
    [InlineData("/oauth2/error")]
    public async Task OAuth2ErrorPage_ShowsTheIdOfItsHeader(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);

        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("[data-test=oauth-error]"));
        Assert.Equal(HeaderId(response), page.QuerySelector("[data-test=request-id]")?.TextContent);
    }

    [Fact]
    public async Task Response_TwoRequests_CarryDifferentIds()
    {
        var client = factory.CreateClient();

        var first = HeaderId(await client.GetAsync("/healthz"));
        var second = HeaderId(await client.GetAsync("/healthz"));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Response_CallerTraceparent_IsTheRequestId()
    {
        // A caller that traces (W3C Trace Context) finds its own trace id in the portal's logs and error pages.
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", HeaderId(response));
    }

    /// <summary>The X-Request-Id header: a W3C trace id (32 lowercase hex digits).</summary>
    private static string HeaderId(HttpResponseMessage response)
    {
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Matches(TraceId(), id);
        return id;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();

    /// <summary>Test hook: the home page fails with an unexpected exception (a bug), its re-execution as /Error does not.</summary>
    private sealed class ThrowOnHomePage : IResourceFilter
    {
        public const string Message = "Forced failure for the request-id test.";

        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            if (context.HttpContext.Request.Path == "/")
            {
                throw new InvalidOperationException(Message);
            }
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }

    /// <summary>Log entries with the CorrelationId scope they were written in.</summary>
    private sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;

        public ConcurrentQueue<(string Message, Exception? Exception, string? CorrelationId)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private string? CorrelationId()
        {
            string? id = null;
            _scopes?.ForEachScope((scope, _) => id ??= scope is IEnumerable<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == "CorrelationId").Value as string
                : null, (object?)null);
            return id;
        }

        private sealed class Logger(ScopeCapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Entries.Enqueue((formatter(state, exception), exception, provider.CorrelationId()));
        }
    }
}
