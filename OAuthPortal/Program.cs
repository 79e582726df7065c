using OAuthPortal.Api;
using OAuthPortal.Cli;
using OAuthPortal.Data;
using OAuthPortal.Hosting;
using OAuthPortal.Hosting.Telemetry;
using OAuthPortal.Identity;
using OAuthPortal.Management;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Oidc.Keys;

// OAuthPortal: a table of contents. Each Add*/Use*/Map* lives in the folder it configures.
if (PortalCli.AnswerWithoutHost(args, Console.Out, Console.Error) is { } answered)
{
    return answered;                // Cli/: `--version` and unknown commands, before any setting is read
}

PortalCli.ReportHostFailuresAsOneLine(args, Console.Error);   // Cli/: a command's bad setting is one line, never a stack trace
var builder = WebApplication.CreateBuilder(args);
builder.AddPortalConfiguration();   // Hosting/: the top-level appsettings.json
builder.AddPortalData();            // Data/: PortalDbContext for SQLite, PostgreSQL or SQL Server
builder.AddPortalIdentity();        // Identity/: users, roles, lockout, cookies
builder.AddOAuthCore();             // OAuth/: options, protocol rules, core services, grant types
builder.AddPortalManagement();      // Management/: what the admin, developer and My-apps screens and the CLI do
builder.AddPortalUi();              // Hosting/: Razor Pages, conventions, forwarded headers
builder.AddPortalApi();             // Api/: the sample protected API
builder.AddPortalTelemetry();       // Hosting/Telemetry/: metrics (Prometheus /metrics, OTLP), traces, request ids

if (PortalCli.IsCommand(args))
{
    // `dotnet run --project OAuthPortal -- <command>`: manage the same database instead of serving.
    builder.Logging.AddPortalCliLogging();
    return await PortalCli.RunAsync(builder.Build().Services, args, Console.Out, Console.Error, Console.IsInputRedirected ? Console.In : null);
}

var app = builder.Build();
await app.Services.MigratePortalDatabaseAsync();
await app.Services.EnsureSigningKeysAsync();   // OAuth/Oidc/Keys/: a fresh database gets its first signing keys
await app.SeedBuiltInDataAsync();
app.LogSecurityPosture();
app.UsePortalPipeline();
app.MapPortalEndpoints();
app.MapPortalApi();
await app.RunAsync();
return 0;
