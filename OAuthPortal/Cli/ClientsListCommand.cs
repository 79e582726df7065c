using System.CommandLine;
using System.Globalization;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Cli;

/// <summary>
/// <c>clients list [--json]</c>: every client with its owner (null in JSON for an openly registered one) and grant types, and
/// whether a program registered it; never a secret (only hashes exist).
/// </summary>
public static class ClientsListCommand
{
    /// <summary>The owner column of a client registered through open registration (RFC 7591 §3), which belongs to no one.</summary>
    public const string NoOwner = "(none: open registration)";

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "List all clients.") { json };

        context.SetAction(command, async (parse, services, cancellationToken) =>
        {
            var clients = await services.GetRequiredService<ClientCatalog>().ListAsync(cancellationToken: cancellationToken);
            static string Type(ClientListItem c) => c.Type == ClientType.Public ? "public" : "confidential";
            if (parse.GetValue(json))
            {
                await context.WriteJsonAsync(clients.Select(c => new
                {
                    client_id = c.ClientId, name = c.Name, type = Type(c), enabled = c.Enabled, owner = c.OwnerEmail,
                    redirect_uris = c.RedirectUris, post_logout_redirect_uris = c.PostLogoutRedirectUris,
                    backchannel_logout_uri = c.BackchannelLogoutUri, id_token_signed_response_alg = c.IdTokenSignedResponseAlg,
                    grant_types = c.GrantTypes, machine_scopes = c.MachineScopes,
                    token_endpoint_auth_method = c.TokenEndpointAuthMethod, jwks_uri = c.JwksUri, has_jwks = c.HasJwks,
                    require_pushed_authorization_requests = c.RequirePushedAuthorizationRequests, dpop_bound_access_tokens = c.DpopBoundAccessTokens,
                    profile = ClientProfileNames.Of(c.Profile), created_at = c.CreatedAt, registered_by_program = c.RegisteredByProgram,
                }));
                return;
            }

            await context.Output.WriteAsync(TextTable.Render(
                ["CLIENT_ID", "TYPE", "ENABLED", "OWNER", "REDIRECT URIS", "POST-LOGOUT URIS", "BACK-CHANNEL LOGOUT", "ID_TOKEN ALG", "GRANT TYPES", "NAME"],
                clients.Select(c => new[]
                {
                    c.ClientId, Type(c), c.Enabled ? "yes" : "no", c.OwnerEmail ?? NoOwner, c.RedirectUris.Count.ToString(CultureInfo.InvariantCulture),
                    c.PostLogoutRedirectUris.Count.ToString(CultureInfo.InvariantCulture), c.BackchannelLogoutUri is null ? "no" : "yes",
                    c.IdTokenSignedResponseAlg, string.Join(',', c.GrantTypes), c.Name,
                }),
                "No clients yet: register one with `clients create`."));
        });
        return command;
    }
}
