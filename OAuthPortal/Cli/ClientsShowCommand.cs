using System.CommandLine;
using System.Globalization;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients show --client-id X [--json]</c>: one client as the admin client details page shows it (owner, type, status,
/// grant types, authentication, URIs, token figures); never a secret (only its hash exists) nor key material.
/// </summary>
public static class ClientsShowCommand
{
    public static Command Create(CliContext context)
    {
        var clientId = CliClient.IdOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of text." };
        var command = new Command("show", "Show one client: owner, type, status, grant types, authentication, URIs and token figures.") { clientId, json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var c = await CliClient.FindAsync(services, parse.GetRequiredValue(clientId), cancellationToken);
            var type = c.Type == ClientType.Public ? "public" : "confidential";
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(new
                {
                    client_id = c.ClientId, name = c.Name, description = c.Description, type, enabled = c.Enabled, owner = c.OwnerEmail,
                    redirect_uris = c.RedirectUris, post_logout_redirect_uris = c.PostLogoutRedirectUris, backchannel_logout_uri = c.BackchannelLogoutUri,
                    id_token_signed_response_alg = c.IdTokenSignedResponseAlg, grant_types = c.GrantTypes, machine_scopes = c.MachineScopes,
                    token_endpoint_auth_method = c.TokenEndpointAuthMethod, has_secret = c.HasSecret, jwks_uri = c.JwksUri,
                    jwks_kids = c.Keys.Select(k => k.KeyId ?? k.KeyType).ToList(),
                    require_pushed_authorization_requests = c.RequirePushedAuthorizationRequests, dpop_bound_access_tokens = c.DpopBoundAccessTokens,
                    profile = ClientProfileNames.Of(c.Profile), registered_by_program = c.RegisteredByProgram, created_at = c.CreatedAt,
                    updated_at = c.UpdatedAt, tokens_issued = c.TokensIssued, active_tokens = c.ActiveTokens, last_token_issued_at = c.LastTokenIssuedAt,
                });
                return;
            }

            var lines = new (string Label, string Value)[]
            {
                ("client_id", c.ClientId), ("name", c.Name), ("type", type), ("enabled", c.Enabled ? "yes" : "no (disabled)"),
                ("owner", c.OwnerEmail ?? ClientsListCommand.NoOwner), ("grant_types", string.Join(' ', c.GrantTypes)),
                ("machine_scopes", Listed(c.MachineScopes)), ("auth_method", c.TokenEndpointAuthMethod),
                ("redirect_uris", Listed(c.RedirectUris)), ("post_logout_uris", Listed(c.PostLogoutRedirectUris)),
                ("backchannel_logout", c.BackchannelLogoutUri ?? "-"), ("id_token_alg", c.IdTokenSignedResponseAlg),
                ("profile", ClientProfileNames.Of(c.Profile)), ("created", Time(c.CreatedAt)), ("updated", Time(c.UpdatedAt)),
                ("tokens", string.Create(CultureInfo.InvariantCulture, $"{c.ActiveTokens} active of {c.TokensIssued} issued")),
                ("last_token", c.LastTokenIssuedAt is { } last ? Time(last) : "-"),
            };
            foreach (var (label, value) in lines)
            {
                await context.Output.WriteLineAsync($"{label + ":",-20}{value}");
            }
        });
        return command;
    }

    private static string Listed(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(' ', values);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
