/**
 * The application images as the deployment guide builds them (Container Images › API Dockerfile
 * and ML Service Dockerfile; Deployment Pipeline › CI/CD with GitHub Actions builds exactly these
 * two), with what their base images hold, so the task definitions, the policy pack, the workflows'
 * tests and the docs read one contract.
 *
 * Sources: /work/shared/seed/deployment-guide.md (the sections above); the official base images'
 * Dockerfiles: docker-library/php `8.2/alpine3.20/fpm/Dockerfile` (installs `curl` as a runtime
 * dependency, creates `www-data` with uid 82, `ENTRYPOINT ["docker-php-entrypoint"]`, which runs a
 * command that is not a php flag as given) and docker-library/python `3.11/slim-bookworm/Dockerfile`
 * (installs only ca-certificates, netbase and tzdata: no curl, and the wget it builds with is purged).
 */

/** One image the tasks run. */
export interface ImageContract {
    /** The ECR repository CI pushes it to (the guide's `$ECR_REGISTRY/<name>:$GITHUB_SHA`). */
    readonly repository: string;
    /** The Dockerfile and build context, relative to the application repository. */
    readonly dockerfile: string;
    readonly context: string;
    /** The base image (`FROM`). */
    readonly base: string;
    /** The port its `EXPOSE` names. */
    readonly port: number;
    /** The user it starts as: `USER` in the Dockerfile, or root when there is none. */
    readonly startsAs: { readonly name: string; readonly uid: number };
    /** Its `CMD`. */
    readonly command: readonly string[];
    /** The programs in the image a container health check can use. */
    readonly healthCheckTools: readonly string[];
    /**
     * For an image that starts as root, the capabilities its root processes use (the rest of
     * Docker's default set can be dropped); none for an image that starts as a user.
     */
    readonly rootNeeds?: readonly string[];
    /** The guide's section the rest comes from. */
    readonly source: string;
}

/** The uid of `www-data` in Alpine, which the PHP base image creates and PHP-FPM's workers run as. */
export const ALPINE_WWW_DATA_UID = 82;

/**
 * The guide's two images. The API image has no `USER`: supervisord starts as root and launches
 * nginx and php-fpm, whose masters bind port 80 and switch their workers to www-data.
 */
export const IMAGES = {
    api: {
        repository: "fraud-api",
        dockerfile: "Dockerfile",
        context: ".",
        base: "php:8.2-fpm-alpine",
        port: 80,
        startsAs: { name: "root", uid: 0 },
        command: ["/usr/bin/supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"],
        healthCheckTools: ["curl", "wget (busybox)", "pgrep (busybox)", "php"],
        // NET_BIND_SERVICE: nginx binds 80; SETUID/SETGID: nginx's and php-fpm's masters switch their
        // workers to www-data; CHOWN: nginx chowns its temp paths to its worker user at start;
        // KILL: the root masters signal workers of another uid; DAC_OVERRIDE: root opens the
        // www-data-owned application and nginx's 0700 directories.
        rootNeeds: ["CHOWN", "DAC_OVERRIDE", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID"],
        source: "deployment guide, Container Images › API Dockerfile; docker-library/php 8.2/alpine3.20/fpm/Dockerfile",
    },
    ml: {
        repository: "fraud-ml",
        dockerfile: "ml-service/Dockerfile",
        context: "ml-service",
        base: "python:3.11-slim",
        port: 8000,
        startsAs: { name: "appuser", uid: 1000 },
        command: ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"],
        healthCheckTools: ["python"],
        source: "deployment guide, Container Images › ML Service Dockerfile; docker-library/python 3.11/slim-bookworm/Dockerfile",
    },
} as const satisfies Record<string, ImageContract>;

/** One of the guide's two images. */
export type ImageKey = keyof typeof IMAGES;
