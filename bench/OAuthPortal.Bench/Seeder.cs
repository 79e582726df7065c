using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Token;

namespace OAuthPortal.Bench;

/// <summary>
/// Writes N single-use grants for one client and user into the portal's database (SQLite or PostgreSQL) through the portal's own
/// issuing services, so the rows, hashes, grants and scope links are exactly what the server writes: refresh tokens with
/// <see cref="TokenIssuer"/> (each the first token of a new grant), or authorization codes with
/// <see cref="AuthorizationCodeIssuer"/> (no redirect_uri, no PKCE, which a confidential client may do); with
/// <c>--dpop-jkt</c>, tokens bound to that DPoP key, as a token request with a proof would issue them. The plaintext
/// values go to --out, one per line.
/// </summary>
internal static class Seeder
{
    private const int BatchSize = 2000;

    public static async Task<int> RunAsync(Arguments args)
    {
        var database = args.Required("db");
        var clientId = args.Required("client-id");
        var email = args.Required("user");
        var scopeNames = args.Required("scope").Split(' ', StringSplitOptions.RemoveEmptyEntries); // one or more, space-separated
        var kind = args.Required("kind");
        var count = args.Int("count", 10000);
        var output = args.Required("out");
        var accessOutput = args.Optional("access-out");
        var dpopJkt = args.Optional("dpop-jkt"); // the refresh and access tokens are then bound to that key (RFC 9449 §6)
        if (kind is not ("refresh" or "code"))
        {
            throw new ArgumentException("--kind must be refresh or code");
        }

        var options = Options.Create(new OAuthOptions());
        using var writes = new DatabaseWriteGate(Options.Create(new DatabaseOptions())); // required by TokenIssuer; the seeder only uses Issue
        var stopwatch = Stopwatch.StartNew();
        await using var values = new StreamWriter(output);
        await using var accessValues = accessOutput is null ? null : new StreamWriter(accessOutput);
        for (var done = 0; done < count; done += BatchSize)
        {
            await using var db = Open(database);
            var userId = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            var scopes = await db.Scopes.Where(s => scopeNames.Contains(s.Name)).ToListAsync();
            if (scopes.Count != scopeNames.Length)
            {
                throw new ArgumentException($"--scope names a scope that does not exist: {string.Join(' ', scopeNames)}");
            }

            var grants = new GrantFamily(db, TimeProvider.System);
            var issuer = new TokenIssuer(db, writes, options, TimeProvider.System);
            var codes = new AuthorizationCodeIssuer(db, grants, options, TimeProvider.System);
            for (var i = done; i < Math.Min(count, done + BatchSize); i++)
            {
                if (kind == "refresh")
                {
                    var response = issuer.Issue(grants.Start(GrantKind.AuthorizationCode, clientId, userId, scopes), scopes, dpopJkt: dpopJkt);
                    await values.WriteLineAsync(response.RefreshToken);
                    if (accessValues is not null)
                    {
                        await accessValues.WriteLineAsync(response.AccessToken);
                    }
                }
                else
                {
                    var code = codes.Add(clientId, userId, scopes, redirectUri: null, codeChallenge: null);
                    await values.WriteLineAsync(code);
                }
            }

            await db.SaveChangesAsync();
        }

        await Console.Error.WriteLineAsync($"seeded {count} {kind} grant(s) in {stopwatch.Elapsed.TotalSeconds:F1} s -> {output}");
        return 0;
    }

    /// <summary>
    /// <c>--db</c>: a SQLite file, or a PostgreSQL connection string (one that names a <c>Host=</c>), opened with the
    /// portal's own context for that provider.
    /// </summary>
    public static PortalDbContext Open(string database) =>
        database.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new PostgreSqlPortalDbContext(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql(database).Options)
            : new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={database}").Options);
}

/// <summary>Token and code counts, to confirm after a run that every 200 really rotated a grant and wrote a new token.</summary>
internal static class DatabaseCheck
{
    public static async Task<int> RunAsync(Arguments args)
    {
        await using var db = Seeder.Open(args.Required("db"));
        var tokens = await db.AccessTokens.CountAsync();
        var rotated = await db.AccessTokens.CountAsync(t => t.RevocationReason == TokenRevocationReason.Rotated);
        var revokedOther = await db.AccessTokens.CountAsync(t => t.RevokedAt != null && t.RevocationReason != TokenRevocationReason.Rotated);
        var live = await db.AccessTokens.CountAsync(t => t.RevokedAt == null);
        var codes = await db.AuthorizationCodes.CountAsync();
        var consumed = await db.AuthorizationCodes.CountAsync(c => c.ConsumedAt != null);
        var fromCodes = await db.AccessTokens.CountAsync(t => db.AuthorizationCodes.Any(c => c.GrantId == t.GrantId && c.ConsumedAt != null));
        // client_credentials: one grant and one token per 200, no user, never a refresh token.
        var machine = db.AccessTokens.Where(t => t.Grant!.Kind == GrantKind.ClientCredentials);
        var machineTokens = await machine.CountAsync();
        var machineGrants = await db.Grants.CountAsync(g => g.Kind == GrantKind.ClientCredentials);
        var machineWrong = await machine.CountAsync(t => t.UserId != null || t.Refreshable || t.RefreshTokenHash != null);
        // DPoP: every accepted proof's jti is recorded once (RFC 9449 §11.1), nothing else writes this table here.
        var usedJwtIds = await db.UsedJwtIds.CountAsync();
        var dpopTokens = await db.AccessTokens.CountAsync(t => t.DpopJkt != null);
        Console.WriteLine(
            $"{{\"tokens\":{tokens},\"rotated\":{rotated},\"revoked_other\":{revokedOther},\"live\":{live}," +
            $"\"codes\":{codes},\"codes_consumed\":{consumed},\"tokens_from_codes\":{fromCodes}," +
            $"\"client_credentials_tokens\":{machineTokens},\"client_credentials_grants\":{machineGrants},\"client_credentials_with_user_or_refresh\":{machineWrong}," +
            $"\"used_jwt_ids\":{usedJwtIds},\"dpop_bound_tokens\":{dpopTokens}}}");
        return 0;
    }
}
