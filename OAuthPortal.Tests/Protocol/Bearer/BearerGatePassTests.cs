using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OAuthPortal.OAuth.Bearer;

namespace OAuthPortal.Tests.Protocol.Bearer;

/// <summary>
/// One <see cref="BearerGate"/> pass per request: once <see cref="OAuthScopeMiddleware"/> has admitted the endpoint's
/// declarations, the <c>RequireOAuthScope</c> filter behind it lets the request through without asking the gate again.
/// A bare app with no gate registered makes a second pass visible: asking for the gate would fail the request.
/// </summary>
public sealed class BearerGatePassTests
{
    private static async Task<HttpStatusCode> GetAsync(bool admittedByMiddleware, bool forAnotherEndpoint = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (InvalidOperationException)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError; // the filter asked for the gate
            }
        });
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            if (admittedByMiddleware)
            {
                EndpointScopesAdmitted.Set(context, forAnotherEndpoint ? new Endpoint(null, EndpointMetadataCollection.Empty, "other") : context.GetEndpoint()!);
            }

            await next(context);
        });
        app.MapGet("/protected", () => "reached").RequireOAuthScope("profile");
        await app.StartAsync();
        return (await app.GetTestClient().GetAsync("/protected")).StatusCode;
    }

    [Fact]
    public async Task RequireOAuthScopeFilter_EndpointAlreadyAdmitted_DoesNotPassTheGateAgain() =>
        Assert.Equal(HttpStatusCode.OK, await GetAsync(admittedByMiddleware: true));

    [Fact]
    public async Task RequireOAuthScopeFilter_NotAdmittedYet_AsksTheGate() =>
        Assert.Equal(HttpStatusCode.InternalServerError, await GetAsync(admittedByMiddleware: false));

    [Fact]
    public async Task RequireOAuthScopeFilter_AnotherEndpointAdmitted_AsksTheGate() =>
        Assert.Equal(HttpStatusCode.InternalServerError, await GetAsync(admittedByMiddleware: true, forAnotherEndpoint: true));
}
