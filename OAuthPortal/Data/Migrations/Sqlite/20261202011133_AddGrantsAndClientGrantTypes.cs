using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddGrantsAndClientGrantTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Grants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    ScopeNames = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", unicode: false, maxLength: 24, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Grants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Grants_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_ClientId",
                table: "Grants",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_CreatedAt",
                table: "Grants",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_UserId",
                table: "Grants",
                column: "UserId");

            migrationBuilder.AddColumn<string>(
                name: "AllowedGrantTypes",
                table: "Clients",
                type: "TEXT",
                unicode: false,
                maxLength: 512,
                nullable: false,
                defaultValue: "authorization_code refresh_token");

            migrationBuilder.AddColumn<string>(
                name: "TokenEndpointAuthMethod",
                table: "Clients",
                type: "TEXT",
                unicode: false,
                maxLength: 32,
                nullable: false,
                defaultValue: "client_secret_basic");

            migrationBuilder.AddColumn<long>(
                name: "GrantId",
                table: "AuthorizationCodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "GrantId",
                table: "AccessTokens",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Carry existing rows over: every code becomes the grant of its family (same id), every token joins the grant
            // of the code it descends from, and a token without a code gets a grant of its own.
            migrationBuilder.Sql(@"UPDATE ""Clients"" SET ""TokenEndpointAuthMethod"" = 'none' WHERE ""Type"" = 'Public';");
            migrationBuilder.Sql(@"INSERT INTO ""Grants"" (""Id"", ""Kind"", ""ClientId"", ""UserId"", ""ScopeNames"", ""CreatedAt"")
SELECT c.""Id"", 'AuthorizationCode', c.""ClientId"", c.""UserId"",
    COALESCE((SELECT group_concat(s.""Name"", ' ') FROM ""AuthorizationCodeScopes"" l JOIN ""Scopes"" s ON s.""Id"" = l.""ScopesId"" WHERE l.""AuthorizationCodeId"" = c.""Id""), ''),
    c.""CreatedAt""
FROM ""AuthorizationCodes"" c;");
            migrationBuilder.Sql(@"UPDATE ""AuthorizationCodes"" SET ""GrantId"" = ""Id"";");
            migrationBuilder.Sql(@"UPDATE ""AccessTokens"" SET ""GrantId"" = ""AuthorizationCodeId"" WHERE ""AuthorizationCodeId"" IS NOT NULL;");
            migrationBuilder.Sql(@"INSERT INTO ""Grants"" (""Id"", ""Kind"", ""ClientId"", ""UserId"", ""ScopeNames"", ""CreatedAt"")
SELECT (SELECT COALESCE(MAX(""Id""), 0) FROM ""AuthorizationCodes"") + t.""Id"", 'AuthorizationCode', t.""ClientId"", t.""UserId"", t.""ScopeNames"", t.""CreatedAt""
FROM ""AccessTokens"" t WHERE t.""AuthorizationCodeId"" IS NULL;");
            migrationBuilder.Sql(@"UPDATE ""AccessTokens"" SET ""GrantId"" = (SELECT COALESCE(MAX(""Id""), 0) FROM ""AuthorizationCodes"") + ""Id"" WHERE ""AuthorizationCodeId"" IS NULL;");
            migrationBuilder.Sql(@"UPDATE ""Grants"" SET ""RevocationReason"" = 'FamilyRevoked',
    ""RevokedAt"" = (SELECT MAX(t.""RevokedAt"") FROM ""AccessTokens"" t WHERE t.""GrantId"" = ""Grants"".""Id"" AND t.""RevocationReason"" = 'FamilyRevoked')
WHERE EXISTS (SELECT 1 FROM ""AccessTokens"" t WHERE t.""GrantId"" = ""Grants"".""Id"" AND t.""RevocationReason"" = 'FamilyRevoked');");

            migrationBuilder.DropForeignKey(
                name: "FK_AccessTokens_AuthorizationCodes_AuthorizationCodeId",
                table: "AccessTokens");

            migrationBuilder.DropIndex(
                name: "IX_AccessTokens_AuthorizationCodeId",
                table: "AccessTokens");

            migrationBuilder.DropColumn(
                name: "AuthorizationCodeId",
                table: "AccessTokens");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "AccessTokens",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorizationCodes_GrantId",
                table: "AuthorizationCodes",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessTokens_GrantId",
                table: "AccessTokens",
                column: "GrantId");

            migrationBuilder.AddForeignKey(
                name: "FK_AccessTokens_Grants_GrantId",
                table: "AccessTokens",
                column: "GrantId",
                principalTable: "Grants",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_AuthorizationCodes_Grants_GrantId",
                table: "AuthorizationCodes",
                column: "GrantId",
                principalTable: "Grants",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF runs the table rebuilds that drop GrantId after every other operation, so Grants is dropped while the
            // codes and tokens still refer to it: foreign keys are off until the rebuild turns them on again.
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);

            migrationBuilder.AddColumn<long>(
                name: "AuthorizationCodeId",
                table: "AccessTokens",
                type: "INTEGER",
                nullable: true);

            // Back to families keyed on the code: each token points at its grant's code again. Tokens without a user
            // cannot exist in the older schema and are deleted.
            migrationBuilder.Sql(@"UPDATE ""AccessTokens"" SET ""AuthorizationCodeId"" =
    (SELECT MIN(c.""Id"") FROM ""AuthorizationCodes"" c WHERE c.""GrantId"" = ""AccessTokens"".""GrantId"");");
            migrationBuilder.Sql(@"DELETE FROM ""AccessTokens"" WHERE ""UserId"" IS NULL;");

            migrationBuilder.DropForeignKey(
                name: "FK_AccessTokens_Grants_GrantId",
                table: "AccessTokens");

            migrationBuilder.DropForeignKey(
                name: "FK_AuthorizationCodes_Grants_GrantId",
                table: "AuthorizationCodes");

            migrationBuilder.DropTable(
                name: "Grants");

            migrationBuilder.DropIndex(
                name: "IX_AuthorizationCodes_GrantId",
                table: "AuthorizationCodes");

            migrationBuilder.DropIndex(
                name: "IX_AccessTokens_GrantId",
                table: "AccessTokens");

            migrationBuilder.DropColumn(
                name: "AllowedGrantTypes",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "TokenEndpointAuthMethod",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "GrantId",
                table: "AuthorizationCodes");

            migrationBuilder.DropColumn(
                name: "GrantId",
                table: "AccessTokens");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "AccessTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessTokens_AuthorizationCodeId",
                table: "AccessTokens",
                column: "AuthorizationCodeId");

            migrationBuilder.AddForeignKey(
                name: "FK_AccessTokens_AuthorizationCodes_AuthorizationCodeId",
                table: "AccessTokens",
                column: "AuthorizationCodeId",
                principalTable: "AuthorizationCodes",
                principalColumn: "Id");
        }
    }
}
