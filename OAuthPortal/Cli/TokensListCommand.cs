using System.CommandLine;
using System.Globalization;
using OAuthPortal.Management.Tokens;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>tokens list [--user E] [--client X] [--active] [--limit N] [--json]</c>: tokens newest first (the newest 100 unless <c>--limit</c> says otherwise), as the admin Tokens page lists them;
/// never a token value (only hashes exist).
/// </summary>
public static class TokensListCommand
{
    public static Command Create(CliContext context)
    {
        var user = new Option<string?>("--user") { Description = "Only the tokens of the user with this e-mail address." };
        var client = new Option<string?>("--client") { Description = "Only the tokens of the client with this client_id." };
        var active = new Option<bool>("--active") { Description = "Only tokens still usable (not revoked, not expired)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var limit = CliOptions.Limit();
        var command = new Command("list", "List tokens, newest first: client, user, scopes, status and dates (never a token value).")
        {
            user, client, active, limit, json,
        };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var userId = parse.GetValue(user) is { } email ? (await CliOwner.FindAsync(services, email)).Id : null;
            var clientId = parse.GetValue(client) is { } id ? (await CliClient.FindAsync(services, id, cancellationToken)).ClientId : null;
            var search = new TokenSearch(UserId: userId, Status: parse.GetValue(active) ? TokenStatus.Active : null) { ClientId = clientId };
            var administration = services.GetRequiredService<TokenAdministration>();
            var tokens = await CliOptions.AllPagesAsync(page => administration.SearchAsync(search, page, cancellationToken), parse.GetValue(limit), context.Error);
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(tokens.Select(t => new
                {
                    id = t.Id, client_id = t.ClientId, client_name = t.ClientName, user = t.UserEmail,
                    scopes = t.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), status = Status(t.Status), grant = t.Kind.ToString(),
                    created_at = t.CreatedAt, expires_at = t.ExpiresAt, refresh_expires_at = t.RefreshExpiresAt, revoked_at = t.RevokedAt,
                    revocation_reason = t.RevocationReason?.ToString(), dpop_bound = t.DpopBound,
                }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(["ID", "STATUS", "CLIENT_ID", "USER", "CREATED", "EXPIRES", "SCOPES"],
                tokens.Select(t => new[]
                {
                    t.Id.ToString(CultureInfo.InvariantCulture), Status(t.Status), t.ClientId, t.UserEmail ?? "(none: client's own)",
                    Time(t.CreatedAt), Time(t.ExpiresAt), t.Scopes,
                }),
                "No tokens match."));
        });
        return command;
    }

    internal static string Status(TokenStatus status) => status.ToString().ToLowerInvariant();

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
