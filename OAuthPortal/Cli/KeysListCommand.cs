using System.CommandLine;
using System.Globalization;
using OAuthPortal.OAuth.Oidc.Keys;

namespace OAuthPortal.Cli;

/// <summary><c>keys list [--json]</c>: the signing-key ring with each key's phase and dates (never key material).</summary>
public static class KeysListCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List the signing keys: kid, algorithm, phase and dates (UTC).") { json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var keys = await services.GetRequiredService<SigningKeyRing>().ListAsync(cancellationToken);
            static string Phase(SigningKeyListItem k) => k.Phase.ToString().ToLowerInvariant();
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(keys.Select(k => new
                {
                    kid = k.KeyId, alg = k.Algorithm, generation = k.Generation, phase = Phase(k), created_at = k.CreatedAt,
                    activates_at = k.ActivatesAt, retires_at = k.RetiredAt, delete_after = k.DeleteAfter, revoked_at = k.RevokedAt,
                }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(
                ["KID", "ALG", "PHASE", "CREATED", "ACTIVATES", "RETIRES", "DELETE AFTER"],
                keys.Select(k => new[]
                {
                    k.KeyId, k.Algorithm, Phase(k), Format(k.CreatedAt), Format(k.ActivatesAt), Format(k.RetiredAt), Format(k.DeleteAfter),
                }),
                "No signing keys yet: the portal creates them when it starts, or run `keys rotate`."));
        });
        return command;
    }

    private static string Format(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
}
