using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OAuthPortal.Tests.Browser;

/// <summary>
/// A client app's redirect endpoint, as small as it gets: a real Kestrel listener on 127.0.0.1 that records the
/// query string of every request to <c>/callback</c> (code, state, iss or error) and answers with a tiny page.
/// </summary>
public sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, string>> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CallbackListener(WebApplication app, string redirectUri)
    {
        _app = app;
        RedirectUri = redirectUri;
    }

    /// <summary>http://127.0.0.1:PORT/callback: the redirect URI to register (loopback http is allowed).</summary>
    public string RedirectUri { get; }

    public static async Task<CallbackListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        CallbackListener? listener = null;
        app.MapGet("/callback", (HttpContext context) =>
        {
            listener!._received.TrySetResult(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
            return Results.Content("<!doctype html><title>Callback</title><link rel=\"icon\" href=\"data:,\"><h1>Callback received</h1>", "text/html");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        listener = new CallbackListener(app, $"http://127.0.0.1:{address.Port}/callback");
        return listener;
    }

    /// <summary>The query parameters of the first callback (waits up to a minute).</summary>
    public Task<IReadOnlyDictionary<string, string>> ReceivedAsync() => _received.Task.WaitAsync(TimeSpan.FromMinutes(1));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
