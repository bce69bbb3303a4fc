import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  logo: {
    color: '#7df3e1',
    fontSize: 22,
    fontWeight: 700,
    letterSpacing: 0.3,
    whiteSpace: 'nowrap',
    lineHeight: '30px',
  },
});

/** The console's name in the expanded sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return <span className={classes.logo}>AI Ops Console</span>;
};
